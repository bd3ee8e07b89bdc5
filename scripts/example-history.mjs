#!/usr/bin/env node
// Builds the bundled example organization (examples/acme) as three real git repositories whose
// history adopts Kubernetes step by step over two years, so that `k8s-maturity timeline` has a
// past to reconstruct:
//
//   node scripts/example-history.mjs            # into .scratch/acme-history (git-ignored)
//   npx k8s-maturity timeline --config .scratch/acme-history/.k8s-maturity.yaml
//
// The dates are relative to today; every commit is made with plain git in the destination folder.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const example = resolve(dirname(fileURLToPath(import.meta.url)), '../examples/acme');
const dest = resolve(process.argv[2] ?? '.scratch/acme-history');
if (existsSync(dest) && readdirSync(dest).length > 0) {
  console.error(`${dest} is not empty: remove it (rm -rf ${dest}) or give another folder`);
  process.exit(2);
}

const people = {
  alice: { name: 'Alice Ops', email: 'alice@platform.acme.example' },
  bob: { name: 'Bob Ops', email: 'bob@platform.acme.example' },
  dana: { name: 'Dana Ops', email: 'dana@ops.acme.example' },
  carol: { name: 'Carol Pay', email: 'carol@payments.acme.example' },
  erin: { name: 'Erin Pay', email: 'erin@payments.acme.example' },
  frank: { name: 'Frank Shop', email: 'frank@storefront.acme.example' },
};

// [days ago, author, files (regular expressions on the example's paths), message]
const plan = {
  'platform-infra': [
    [700, 'alice', [/^README\.md$/, /^terraform\/(modules|envs)\//], 'EKS cluster and VPC as code'],
    [610, 'bob', [/^\.github\//, /^CODEOWNERS$/], 'CI: terraform plan on pull requests'],
    [520, 'alice', [/^terraform\/addons\//], 'kube-prometheus-stack through helm_release'],
    [430, 'dana', [/^argocd\//], 'Argo CD applications for the services'],
    [250, 'bob', [/^k8s\//], 'team namespaces and the secret store'],
  ],
  'payments-api': [
    [560, 'carol', [/^README\.md$/, /^cmd\/server\/main\.go$/, /^internal\//, /^Dockerfile$/], 'payments service in a container'],
    [480, 'erin', [/^deploy\//, /^\.github\/workflows\//, /^\.github\/CODEOWNERS$/], 'Helm chart with probes, CI that builds and deploys'],
    [300, 'carol', [/^skaffold\.yaml$/, /^kind\.yaml$/, /^Makefile$/], 'skaffold dev loop on kind'],
    [150, 'erin', [/^go\.mod$/, /^cmd\/server\/tracing\.go$/, /^\.github\/dependabot\.yml$/], 'OpenTelemetry tracing, Dependabot'],
  ],
  'storefront-web': [
    [400, 'frank', [/^README\.md$/, /^src\//, /^test\//, /^package\.json$/, /^Dockerfile$/], 'storefront in a container'],
    [330, 'frank', [/^k8s\//, /^\.gitlab-ci\.yml$/, /^CODEOWNERS$/], 'manifests and GitLab CI'],
  ],
};

function filesOf(folder) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(join(example, folder), path));
    }
  };
  walk(join(example, folder));
  return out;
}

function git(cwd, args, env = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...clean, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env } });
}

const DAY = 86_400_000;
for (const [repo, commits] of Object.entries(plan)) {
  const dir = join(dest, repo);
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  const all = filesOf(repo);
  for (const [days, who, patterns, message] of commits) {
    for (const file of all.filter((f) => patterns.some((p) => p.test(f)))) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), readFileSync(join(example, repo, file)));
    }
    const person = people[who];
    const date = `${Math.floor((Date.now() - days * DAY) / 1000)} +0000`;
    git(dir, ['add', '--all']);
    git(dir, ['commit', '--quiet', '-m', message], {
      GIT_AUTHOR_NAME: person.name, GIT_AUTHOR_EMAIL: person.email, GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: person.name, GIT_COMMITTER_EMAIL: person.email, GIT_COMMITTER_DATE: date,
    });
  }
}
// The example's configuration, with history switched on: these repositories have their own.
cpSync(join(example, 'cluster'), join(dest, 'cluster'), { recursive: true });
const config = readFileSync(join(example, '.k8s-maturity.yaml'), 'utf8').replace(/history:\n(?: {2}.*\n|\s*#.*\n)*/, 'history:\n  since: 2y\n');
writeFileSync(join(dest, '.k8s-maturity.yaml'), config);
console.log(`${dest}: platform-infra, payments-api and storefront-web with two years of history
next: npx k8s-maturity timeline --config ${relative(process.cwd(), join(dest, '.k8s-maturity.yaml'))}`);
