import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/cli/main.js';
import { scanOrganization } from '../../src/scan/organization.js';
import { startGitHttpsServer, type GitHttpsServer } from '../helpers/git-https-server.js';
import { rawGit, TestRepo } from '../history/git-fixture.js';
import { MAIN, type CliRun } from '../hostile/helpers.js';

/**
 * One canary test over every output (issue #15): a repository served by a real git server over
 * HTTPS with a password, whose pipelines put secrets on command lines and whose manifests hold a
 * Secret, is scanned by URL and by path into every report format. No canary may appear in any
 * report, on stdout or stderr, in the progress lines, in a warning or an error, in the scan cache,
 * in the cached clone's git files, or on the command line of any process the scan starts.
 */

const CANARY = {
  urlPassword: 'CANARYurlpass7f3e',
  queryToken: 'CANARYquerytoken19ab',
  setPassword: 'CANARYsetpw4c21',
  setPat: 'ghp_CANARYpat0d9e8f7a6b5c',
  terraformVar: 'CANARYtfvar88e1',
  fromLiteral: 'CANARYliteral2b7c',
  authHeader: 'CANARYbearer5e6f7a8b',
  dockerLogin: 'CANARYdocker3a4b',
  curlUser: 'CANARYcurluser9c0d',
  secretManifest: 'CANARYmanifest6e1f',
} as const;
/** Values the repository itself holds: its clone's work tree may contain them, nothing we write may. */
const CONTENT = new Set<string>([CANARY.queryToken, CANARY.setPassword, CANARY.setPat, CANARY.terraformVar, CANARY.fromLiteral, CANARY.authHeader, CANARY.dockerLogin, CANARY.curlUser, CANARY.secretManifest]);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const NEEDLES = Object.values(CANARY).flatMap((c) => [c, b64(c)]);

const PIPELINE = [
  'stages: [deploy]',
  'deploy:',
  '  stage: deploy',
  '  script:',
  `    - docker login -u ci -p ${CANARY.dockerLogin} registry.example.com`,
  '    - docker build -t registry.example.com/web:$CI_COMMIT_SHA .',
  '    - docker push registry.example.com/web:$CI_COMMIT_SHA',
  `    - helm upgrade --install web charts/web --set db.password=${CANARY.setPassword} --set-string github.pat=${CANARY.setPat}`,
  `    - terraform apply -auto-approve -var db_pw=${CANARY.terraformVar}`,
  `    - kubectl create secret generic db --from-literal=pw=${CANARY.fromLiteral} --dry-run=client -o yaml | kubectl apply -f -`,
  `    - curl -H 'Authorization: Bearer ${CANARY.authHeader}' -u deploy:${CANARY.curlUser} "https://gitlab.example.com/api/v4/projects?private_token=${CANARY.queryToken}"`,
  '    - kubectl apply -k overlays/prod',
  '',
].join('\n');

let work: string;
let server: GitHttpsServer;
let home: string;
let localRepo: string;
let url: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-canary-all-'));
  const source = new TestRepo(join(work, 'source'));
  mkdirSync(source.dir);
  source.git(['init', '--quiet', '--initial-branch=main']);
  source.commit({ name: 'Dev', email: 'dev@acme.example' }, 1, {
    '.gitlab-ci.yml': PIPELINE,
    'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${CANARY.secretManifest}\ndata:\n  token: ${b64(CANARY.secretManifest)}\n`,
    'k8s/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1.0\n',
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../k8s\n',
  });
  localRepo = source.dir;
  const projectRoot = join(work, 'forge');
  mkdirSync(join(projectRoot, 'org'), { recursive: true });
  rawGit(work, ['clone', '--quiet', '--bare', source.dir, join(projectRoot, 'org', 'app.git')]);
  server = await startGitHttpsServer({ projectRoot, username: 'ci-bot', password: CANARY.urlPassword });
  // The user's own git configuration trusts the test CA, as a company's would.
  home = join(work, 'home');
  mkdirSync(home);
  writeFileSync(join(home, '.gitconfig'), readFileSync(server.userGitConfig));
  url = `https://ci-bot:${CANARY.urlPassword}@${server.origin.replace('https://', '')}/org/app.git`;
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** The CLI as a user runs it, traced with strace (where it runs) so every program started and its command line can be checked. */
function runTraced(args: string[], options: { cwd?: string; trace?: string }): Promise<CliRun> {
  const launcher = `const { main } = await import(${JSON.stringify(new URL(`file://${MAIN}`).href)}); process.exitCode = await main(process.argv);`;
  const node = [process.execPath, '--input-type=module', '-e', launcher, 'k8s-maturity', ...args];
  const command = options.trace !== undefined && hasStrace() ? ['strace', '-f', '-qq', '-e', 'trace=execve', '-s', '65535', '-o', options.trace, ...node] : node;
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: options.cwd ?? work, env: { ...process.env, HOME: home, XDG_CACHE_HOME: join(work, 'xdg'), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: 0, maxRss: 0 });
    });
  });
}

let straceWorks: boolean | undefined;
function hasStrace(): boolean {
  if (straceWorks === undefined) {
    try {
      execFileSync('strace', ['-f', '-qq', '-e', 'trace=execve', '-o', '/dev/null', 'true'], { stdio: 'ignore' });
      straceWorks = true;
    } catch {
      straceWorks = false;
    }
  }
  return straceWorks;
}

/** Every file under `dir`, except git's compressed objects (they hold the repository's own content, by design). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) {
        if (!(entry.name === 'objects' && path.endsWith('.git'))) walk(full);
      } else if (entry.isFile() && statSync(full).size < 50_000_000) files.push(full);
    }
  };
  walk(dir);
  return files;
}

function leaks(where: string, text: string, needles: readonly string[] = NEEDLES): string[] {
  return needles.filter((n) => text.includes(n)).map((n) => `${n} in ${where}`);
}

describe('no credential, token or command-line secret leaves the tool', () => {
  it('through a scan by URL (with a password) and by path, into every format, stderr, the cache, the clone and every command line', async () => {
    const out = join(work, 'reports');
    mkdirSync(out, { recursive: true });
    const cacheDir = join(work, 'cache');
    const trace = join(work, 'execve.log');
    const args = ['scan', url, localRepo, '--cache-dir', cacheDir, '--since', '2000-01-01'];
    for (const format of FORMATS) args.push('--format', format, '--output', join(out, `report.${format}`));
    args.push('--format', 'table');
    const found: string[] = [];
    // Twice: the first run clones, the second fetches into the cached clone.
    for (const round of [1, 2]) {
      const run = await runTraced(args, { trace });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      found.push(...leaks(`stdout (round ${round})`, run.stdout), ...leaks(`stderr (round ${round})`, run.stderr));
      for (const format of FORMATS) found.push(...leaks(`report.${format}`, readFileSync(join(out, `report.${format}`), 'utf8')));
      if (hasStrace()) {
        // Every program the scan started, with its whole command line; the CLI's own (what the user typed) left out.
        const started = readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes('execve(') && !line.includes('"k8s-maturity", "scan"'));
        expect(started.some((line) => line.includes('"clone"') || line.includes('"fetch"'))).toBe(true);
        found.push(...leaks(`a command line (round ${round})`, started.join('\n')));
      }
    }
    // The scan really went through the password-protected server, and saw the pipelines.
    expect(server.requests.some((r) => r.authorization !== undefined)).toBe(true);
    const json = readFileSync(join(out, 'report.json'), 'utf8');
    const report = JSON.parse(json) as { repositories: { path: string }[] };
    expect(report.repositories.map((r) => r.path)).toEqual([`${server.origin}/org/app.git`, localRepo]);
    expect(json).toContain('--set db.password=***');
    expect(json).toContain('static-secrets');

    for (const file of filesUnder(cacheDir)) {
      const rel = relative(cacheDir, file);
      // A clone's work tree is the repository's own content; everything else is ours.
      const isWorkTreeFile = !rel.startsWith('scans/') && !rel.split('/').includes('.git');
      found.push(...leaks(`cache ${rel}`, readFileSync(file, 'latin1'), isWorkTreeFile ? NEEDLES.filter((n) => !CONTENT.has(n) && !CONTENT.has(Buffer.from(n, 'base64').toString())) : NEEDLES));
    }
    expect(filesUnder(cacheDir).some((f) => f.endsWith('.git/config'))).toBe(true);
    expect(found).toEqual([]);
  }, 240_000);

  it('in the progress lines and the warnings of a scan that lists the URL twice', async () => {
    const config = join(work, 'org.yaml');
    writeFileSync(config, `organization: acme\nteams:\n  - name: a\n    repositories: ['${url}']\n  - name: b\n    repositories: ['${url}']\n`);
    const progress: string[] = [];
    const previousHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const assessment = await scanOrganization({ paths: [], config, cwd: work, toolVersion: 'test', cacheDir: join(work, 'cache-progress'), history: false, onProgress: (line) => progress.push(line) });
      expect(assessment.repositories.map((r) => r.path)).toEqual([`${server.origin}/org/app.git`]);
      const warnings = JSON.stringify(assessment.warnings);
      expect(warnings).toContain('already listed for team');
      expect(progress.join('\n')).toContain('/org/app.git');
      expect([...leaks('warnings', warnings), ...leaks('progress', progress.join('\n'))]).toEqual([]);
    } finally {
      process.env.HOME = previousHome;
    }
  }, 120_000);

  it('in the errors of URLs that cannot be used: scp-like with a password, a token in the query, a server that refuses', async () => {
    const host = server.origin.replace('https://', '');
    const cases = [
      `ci-bot:${CANARY.urlPassword}@127.0.0.1:org/app.git`,
      `${server.origin}/org/app.git?private_token=${CANARY.queryToken}`,
      `https://ci-bot:${CANARY.urlPassword}@${host}/org/missing.git`,
      `https://ci-bot:wrong-${CANARY.urlPassword}@${host}/org/app.git`,
    ];
    for (const target of cases) {
      const run = await runTraced(['scan', target, '--cache-dir', join(work, 'cache-errors'), '--format', 'json'], {});
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/k8s-maturity: (refusing to clone|cannot clone)/);
      expect([...leaks('stdout', run.stdout), ...leaks('stderr', run.stderr)]).toEqual([]);
    }
    for (const file of filesUnder(join(work, 'cache-errors'))) expect(leaks(file, readFileSync(file, 'latin1'))).toEqual([]);
  }, 120_000);
});
