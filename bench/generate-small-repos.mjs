// Cheap git repositories for sharded scans (tests and bench/shards.mjs): each repository is a copy
// of one empty `git init`, then two git processes (one fast-import stream with its whole history, a
// checkout), four repositories at a time, so thousands take seconds, not minutes. Deterministic:
// repository i always has the same content. (The benchmarks' organization of 200 repositories of
// ~500 files each, without history, is generateOrganization in generate.mjs.)
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const DAY = 86_400;

const deployment = (name, probes) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: { app: ${name} }
spec:
  replicas: 2
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/${name}:1.4.2
          resources:
            requests: { cpu: 100m, memory: 128Mi }
${probes ? '          readinessProbe:\n            httpGet: { path: /ready, port: 8080 }\n          livenessProbe:\n            httpGet: { path: /healthz, port: 8080 }\n' : ''}`;

const workflow = `name: ci
on: { push: { branches: [main] }, pull_request: {} }
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t ghcr.io/acme/app:\${{ github.sha }} .
      - run: helm upgrade --install app deploy/chart
`;

/** The files of repository i: a platform repository every 25th, else a service of varied maturity. */
export function repositoryFiles(i) {
  const name = `svc-${i}`;
  if (i % 25 === 0) {
    return {
      'terraform/eks.tf': `module "eks" {\n  source  = "terraform-aws-modules/eks/aws"\n  version = "20.8.4"\n  cluster_name = "acme-${i}"\n}\n`,
      'terraform/addons.tf': `resource "helm_release" "kps" {\n  name  = "kps"\n  chart = "kube-prometheus-stack"\n}\nresource "helm_release" "argocd" {\n  name  = "argocd"\n  chart = "argo-cd"\n}\n`,
      'README.md': `# platform ${i}\n`,
    };
  }
  const files = {
    'README.md': `# ${name}\n`,
    'main.go': `package main\n\nfunc main() {}\n`,
    'go.mod': `module github.com/acme/${name}\n\ngo 1.22\n${i % 3 === 0 ? '\nrequire go.opentelemetry.io/otel v1.24.0\n' : ''}`,
  };
  if (i % 7 !== 1) files['Dockerfile'] = `FROM ${i % 11 === 0 ? 'node:16-alpine' : 'gcr.io/distroless/static-debian12'}\nCOPY app /app\nENTRYPOINT ["/app"]\n`;
  if (i % 5 !== 2) files['k8s/deployment.yaml'] = deployment(name, i % 4 !== 0);
  if (i % 6 === 0) files['deploy/chart/Chart.yaml'] = `apiVersion: v2\nname: ${name}\nversion: 0.1.${i % 9}\n`;
  if (i % 2 === 0) files['.github/workflows/ci.yml'] = workflow;
  if (i % 13 === 0) files['k8s/secret.yaml'] = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: not-a-real-one-${i}\n`;
  return files;
}

/** One fast-import stream: two commits by two people, a week apart, ending `days` days before `now`. */
function stream(files, now) {
  const people = ['Alice Doe <alice@acme.example>', 'Bob Roe <bob@acme.example>'];
  const paths = Object.keys(files).sort();
  const half = Math.ceil(paths.length / 2);
  let text = '';
  [paths.slice(0, half), paths.slice(half)].forEach((part, c) => {
    const when = now - (14 - c * 7) * DAY;
    text += `commit refs/heads/main\ncommitter ${people[c]} ${when} +0000\ndata <<EOM\n${c === 0 ? 'initial' : 'deploy'}\nEOM\n`;
    for (const path of part) text += `M 100644 inline ${path}\ndata ${Buffer.byteLength(files[path])}\n${files[path]}\n`;
  });
  return text;
}

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

const run = promisify(execFile);

/** Repository `i` as a git work tree at `dir`, from a copy of `template` (an empty repository). */
async function generateGitRepository(dir, i, now, template) {
  cpSync(template, dir, { recursive: true });
  const git = (args, input) => {
    const child = run('git', args, { cwd: dir, env: GIT_ENV });
    if (input !== undefined) child.child.stdin.end(input);
    return child;
  };
  await git(['fast-import', '--quiet'], stream(repositoryFiles(i), now));
  await git(['checkout', '-q', '-f', 'main']);
}

/** `count` small repositories with history under `root` (repo-0000 …); returns their paths. */
export async function generateSmallRepositories(root, count) {
  const now = Math.floor(Date.now() / 1000);
  const template = join(mkdtempSync(join(tmpdir(), 'k8sm-org-template-')), 'empty');
  execFileSync('git', ['init', '-q', '-b', 'main', template], { env: GIT_ENV });
  const paths = Array.from({ length: count }, (_, i) => join(root, `repo-${String(i).padStart(4, '0')}`));
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await generateGitRepository(paths[i], i, now, template);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return paths;
}
