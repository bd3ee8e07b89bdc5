import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/cli/main.js';
import { resourcesFromList } from '../cluster/api-server.js';
import { clusterFixtureItems, startApiServer, type ApiServer } from '../hostile/cluster-fixture.js';
import { runCli, type CliRun } from '../hostile/helpers.js';

/**
 * Secrets canary: values planted wherever secrets hide in a repository, a cluster snapshot and the
 * credentials of a live cluster must never come out of the tool, in any report format, on stdout,
 * on stderr, or in any error message. Each canary is checked as written and base64-encoded.
 */

const CANARIES = {
  secretData: 'CANARY-secret-data-5b1e',
  secretStringData: 'CANARY-secret-stringdata-77c0',
  dotEnv: 'CANARY-dotenv-0f3d',
  githubEnv: 'CANARY-github-env-9a21',
  gitlabVariables: 'CANARY-gitlab-vars-c4e8',
  dockerLogin: 'CANARY-docker-login-13ab',
  curlUser: 'CANARY-curl-user-6d02',
  helmValues: 'CANARY-helm-password-e9f7',
  repoKubeconfigToken: 'CANARY-repo-kubeconfig-token-2b6c',
  repoKubeconfigKey: 'CANARY-repo-kubeconfig-key-8e44',
  snapshotSecret: 'CANARY-snapshot-secret-31f9',
  lastApplied: 'CANARY-last-applied-a07d',
  podEnv: 'CANARY-pod-env-5c3b',
  liveToken: 'CANARY-live-token-d18e',
  rejectedToken: 'CANARY-rejected-token-47aa',
  unreachableToken: 'CANARY-unreachable-token-92fe',
  configValue: 'CANARY-config-value-0c6a',
} as const;
/** The loopback fixture cluster's own Secret values (test/cluster/fixtures). */
const FIXTURE_CANARY = 'CANARY-s3cr3t-9f8e7d';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const NEEDLES = [...Object.values(CANARIES), FIXTURE_CANARY].flatMap((c) => [c, b64(c)]);

let work: string;
let repo: string;
let snapshot: string;
let api: ApiServer;

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

function kubeconfig(server: string, token: string, extra = ''): string {
  return ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: c', '  cluster:', `    server: ${server}`, 'contexts:', '- name: ctx', '  context: {cluster: c, user: u}', 'current-context: ctx', 'users:', '- name: u', '  user:', `    token: ${token}`, extra, ''].join('\n');
}

/** Every canary absent from every output of a run, and from the files it wrote. */
function expectNoCanary(run: CliRun, files: string[] = []): void {
  const outputs: [string, string][] = [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
    ...files.map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
  ];
  const leaks: string[] = [];
  for (const [where, text] of outputs) for (const needle of NEEDLES) if (text.includes(needle)) leaks.push(`${needle} in ${where}`);
  expect(leaks).toEqual([]);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-canary-'));
  repo = join(work, 'repo');
  write(repo, {
    'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${b64(CANARIES.secretData)}\nstringData:\n  token: ${CANARIES.secretStringData}\n`,
    'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          env:\n            - name: DB_PASSWORD\n              valueFrom: {secretKeyRef: {name: db, key: password}}\n',
    '.env': `DB_PASSWORD=${CANARIES.dotEnv}\n`,
    '.github/workflows/ci.yml': [
      'name: ci',
      'on: [push, pull_request]',
      'env:',
      `  API_TOKEN: ${CANARIES.githubEnv}`,
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      `      - run: docker login -u ci -p ${CANARIES.dockerLogin} registry.example.com`,
      '      - run: docker build -t registry.example.com/web:${{ github.sha }} .',
      `      - run: curl -u deploy:${CANARIES.curlUser} https://deploy.example.com/hook`,
      '      - run: kubectl apply -f k8s/',
      '',
    ].join('\n'),
    '.gitlab-ci.yml': `variables:\n  SECRET_KEY: ${CANARIES.gitlabVariables}\n  DOCKER_PASSWORD: "${CANARIES.dockerLogin}"\nbuild:\n  script:\n    - docker login -u ci -p ${CANARIES.dockerLogin} $CI_REGISTRY\n    - helm upgrade --install web charts/app --set db.password=${CANARIES.helmValues}\n`,
    'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
    'charts/app/values.yaml': `image:\n  repository: nginx\n  tag: "1.27"\ndb:\n  password: ${CANARIES.helmValues}\n`,
    'charts/app/templates/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\nstringData:\n  password: {{ .Values.db.password | quote }}\n',
    'deploy/kubeconfig.yaml': kubeconfig('https://10.0.0.1', CANARIES.repoKubeconfigToken, `    client-key-data: ${b64(CANARIES.repoKubeconfigKey)}`),
    Dockerfile: `FROM node:20-alpine\nARG NPM_TOKEN=${CANARIES.githubEnv}\nENV API_KEY=${CANARIES.dotEnv}\n`,
    'main.tf': `resource "aws_eks_cluster" "main" {\n  name = "prod"\n}\nvariable "db_password" {\n  default = "${CANARIES.helmValues}"\n}\n`,
  });

  const items = [
    { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: 'api', namespace: 'web', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ data: { key: b64(CANARIES.lastApplied) } }) } }, data: { key: b64(CANARIES.snapshotSecret) }, stringData: { other: CANARIES.snapshotSecret } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'web', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ spec: { env: [{ name: 'X', value: CANARIES.lastApplied }] } }) } },
      spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:latest', env: [{ name: 'DB_PASSWORD', value: CANARIES.podEnv }] }] } } },
    },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:latest', env: [{ name: 'DB_PASSWORD', value: CANARIES.podEnv }], args: [`--password=${CANARIES.podEnv}`, '--db-token', CANARIES.podEnv] }] } },
  ];
  snapshot = join(work, 'cluster.json');
  writeFileSync(snapshot, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));

  // The live cluster: the fixture cluster plus the same planted objects, behind a canary token.
  api = await startApiServer({ token: CANARIES.liveToken, leakSecretData: true, resources: resourcesFromList({ items: [...clusterFixtureItems(), ...items] }) });
}, 30_000);

afterAll(async () => {
  await api.close();
});

describe('secrets never leave the tool', () => {
  it('in any report format of a scan of a repository, a cluster snapshot and a live cluster', async () => {
    const out = join(work, 'reports');
    mkdirSync(out, { recursive: true });
    const live = api.kubeconfig({ token: CANARIES.liveToken });
    const files: string[] = [];
    const args = ['scan', repo, '--no-history', '--cluster-snapshot', snapshot, '--kubeconfig', live];
    for (const format of FORMATS) {
      const file = join(out, `report.${format}`);
      files.push(file);
      args.push('--format', format, '--output', file);
    }
    args.push('--format', 'table');
    const run = await runCli(args, { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(FORMATS.map((f) => `report.${f}`).sort());
    // The scan saw what it should: the static Secret, the live cluster, the snapshot.
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { clusters: { name: string }[]; repositories: { detections: { id: string }[] }[] };
    expect(report.clusters.map((c) => c.name).sort()).toEqual(['cluster.json', 'loopback-admin']);
    expect(report.repositories[0]!.detections.map((d) => d.id)).toEqual(expect.arrayContaining(['static-secrets', 'github-actions', 'helm']));
    expectNoCanary(run, files);
  });

  it('in a saved snapshot of the live cluster and what the snapshot command prints', async () => {
    const output = join(work, 'saved.json');
    const run = await runCli(['snapshot', '--kubeconfig', api.kubeconfig({ token: CANARIES.liveToken }), '--output', output]);
    expect(run.code).toBe(0);
    expectNoCanary(run, [output]);
  });

  it('in every error: 401, unreachable cluster, bad configuration, bad path, bad snapshot', async () => {
    const rejected = await runCli(['scan', repo, '--no-history', '--kubeconfig', api.kubeconfig({ token: CANARIES.rejectedToken }), '--format', 'json']);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/401 Unauthorized/);
    expectNoCanary(rejected);

    const port = await closedPort();
    const unreachableFile = join(work, 'unreachable.kubeconfig');
    writeFileSync(unreachableFile, kubeconfig(`https://127.0.0.1:${port}`, CANARIES.unreachableToken, `    client-key-data: ${b64(CANARIES.repoKubeconfigKey)}`));
    const unreachable = await runCli(['scan', repo, '--no-history', '--kubeconfig', unreachableFile, '--format', 'json']);
    expect(unreachable.code).toBe(2);
    expectNoCanary(unreachable);

    const badKubeconfig = join(work, 'bad.kubeconfig');
    writeFileSync(badKubeconfig, `apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: ${CANARIES.unreachableToken}\n    password: [${CANARIES.configValue}\n`);
    const bad = await runCli(['scan', repo, '--no-history', '--kubeconfig', badKubeconfig, '--format', 'json']);
    expect(bad.code).toBe(2);
    expectNoCanary(bad);

    const config = join(work, 'k8s-maturity.yaml');
    writeFileSync(config, `organization: acme\nrepositories:\n  - path: repo\n    password: ${CANARIES.configValue}\ntoken: ${CANARIES.configValue}\nclusters:\n  - snapshot: ${CANARIES.configValue}.json\n`);
    const badConfig = await runCli(['scan', '--config', config, '--no-history', '--format', 'json']);
    expect(badConfig.code).toBe(2);
    expectNoCanary(badConfig);

    const badPath = await runCli(['scan', join(work, 'no-such-repo'), '--format', 'json']);
    expect(badPath.code).toBe(2);
    expectNoCanary(badPath);

    const brokenSnapshot = join(work, 'broken.json');
    writeFileSync(brokenSnapshot, `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","data":{"k":"${b64(CANARIES.snapshotSecret)}"`);
    const broken = await runCli(['scan', repo, '--no-history', '--cluster-snapshot', brokenSnapshot, '--format', 'json']);
    expect(broken.code).toBe(2);
    expectNoCanary(broken);
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
