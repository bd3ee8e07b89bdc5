import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClusterAccessError, readSnapshot, saveSnapshot, scanCluster } from '../../src/sources/cluster/index.js';
import { METADATA_ACCEPT, resourcesFromList, startApiServer, type ApiServer, type ApiServerOptions } from './api-server.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'cluster-prod-eu.json');
const CANARY = 'CANARY-s3cr3t-9f8e7d';
const CANARY_B64 = Buffer.from(CANARY).toString('base64');
const TOKEN = 'loopback-token-8c1f0e2d';
const list = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { items: Record<string, unknown>[] };
const resources = resourcesFromList(list);

const servers: ApiServer[] = [];
async function server(options: Partial<ApiServerOptions> = {}): Promise<ApiServer> {
  // Pages of at most 3 objects: every list of more than 3 objects takes several requests.
  const started = await startApiServer({ token: TOKEN, resources, maxPage: 3, ...options });
  servers.push(started);
  return started;
}
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

function ids(result: { detections: { id: string }[] }): string[] {
  return result.detections.map((d) => d.id).sort();
}

describe('scanning a live cluster through @kubernetes/client-node', () => {
  it('reads every list page by page and finds what the snapshot of the same cluster shows', async () => {
    const api = await server();
    const result = await scanCluster({ kubeconfig: api.kubeconfig(), pageSize: 500 });
    const snapshot = await readSnapshot(FIXTURE);

    expect(result.name).toBe('loopback-admin');
    expect(ids(result)).toEqual(ids(snapshot));
    expect(ids(result)).toEqual(expect.arrayContaining(['prometheus', 'loki', 'argo-cd', 'istio', 'vault', 'falco', 'eks', 'probes', 'static-secrets', 'multi-team-namespaces']));
    expect(result.flavour).toBe('eks');
    expect(result.coverage.probes).toMatchObject({ covered: 7, total: 17, unit: 'running containers' });
    expect(result.counts).toMatchObject({ pods: 17, 'deployments.apps': 11, secrets: 3, 'applications.argoproj.io': 2, 'servicemonitors.monitoring.coreos.com': 1 });
    expect(result.warnings).toEqual([]);
    expect(result.forbidden).toEqual([]);
    const prometheus = result.detections.find((d) => d.id === 'prometheus')!;
    expect(prometheus.evidence).toContainEqual({
      object: 'apps/v1 Deployment monitoring/kube-prometheus-stack-operator',
      detail: 'label helm.sh/chart=kube-prometheus-stack-56.6.2',
      cluster: 'loopback-admin',
      source: 'cluster',
    });

    // 17 pods at 3 a page: six requests, each after the first carrying the previous continue token.
    const podPages = api.requests.filter((r) => r.path === '/api/v1/pods');
    expect(podPages).toHaveLength(6);
    expect(podPages[0]!.query.continue).toBeUndefined();
    expect(podPages.slice(1).every((r) => typeof r.query.continue === 'string')).toBe(true);
    expect(podPages.every((r) => r.query.limit === '500')).toBe(true);
  });

  it('only ever sends GET, and asks for Secrets only as metadata', async () => {
    const api = await server();
    const result = await scanCluster({ kubeconfig: api.kubeconfig() });

    expect(api.requests.length).toBeGreaterThan(20);
    expect(new Set(api.requests.map((r) => r.method))).toEqual(new Set(['GET']));
    expect(api.requests.every((r) => r.authorized)).toBe(true);
    const secretRequests = api.requests.filter((r) => r.path.endsWith('/secrets'));
    expect(secretRequests.length).toBeGreaterThan(0);
    expect(secretRequests.every((r) => r.accept.includes(METADATA_ACCEPT) && r.query.fieldSelector === 'type=Opaque')).toBe(true);
    // No other request touched a Secret (no get of one Secret by name, no watch).
    expect(api.requests.filter((r) => r.path.includes('secrets') && !r.path.endsWith('/api/v1/secrets'))).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(CANARY);
  });

  it('drops Secret data that a misbehaving server sends in a metadata-only list', async () => {
    const api = await server({ leakSecretData: true });
    const result = await scanCluster({ kubeconfig: api.kubeconfig() });
    const text = JSON.stringify(result);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(CANARY_B64);
    expect(result.detections.find((d) => d.id === 'static-secrets')!.evidence.map((e) => ('object' in e ? e.object : ''))).toEqual(['v1 Secret payments/payments-db']);
  });

  it('fails with a one-line ClusterAccessError when the token is rejected (401)', async () => {
    const api = await server();
    const error = await scanCluster({ kubeconfig: api.kubeconfig({ token: 'expired-token-123' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterAccessError);
    expect((error as ClusterAccessError).code).toBe('unauthorized');
    expect((error as Error).message).toMatch(/rejected the credentials \(401 Unauthorized\)/);
    expect((error as Error).message).not.toContain('expired-token-123');
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).stack).not.toContain('\n');
  });

  it('records a 403 on one resource and completes the scan', async () => {
    const api = await server({ faults: { '/api/v1/secrets': { status: 403 } } });
    const result = await scanCluster({ kubeconfig: api.kubeconfig() });
    expect(result.forbidden).toEqual([{ resource: 'secrets', verb: 'list', group: '' }]);
    expect(ids(result)).not.toContain('static-secrets');
    expect(ids(result)).toEqual(expect.arrayContaining(['prometheus', 'falco', 'vault']));
    expect(result.warnings).toEqual([]);
  });

  it('turns a 500 on one page into a warning and keeps what was read', async () => {
    const api = await server({ faults: { '/api/v1/pods': { status: 500, page: 2 } } });
    const result = await scanCluster({ kubeconfig: api.kubeconfig() });
    expect(result.warnings).toEqual([{ file: 'cluster:loopback-admin', message: 'list pods: HTTP 500 etcdserver: request timed out (6 read before)' }]);
    expect(result.counts.pods).toBe(6);
    // Pods were not all read, so probe coverage comes from the workload templates.
    expect(result.coverage.probes?.unit).toBe('workload containers');
    expect(ids(result)).toEqual(expect.arrayContaining(['prometheus', 'static-secrets', 'multi-team-namespaces']));
  });

  it('gives up on a slow list after the request timeout, with a warning, and goes on', async () => {
    // The slow list never answers in the test's life; the timeout leaves every other list, served
    // from loopback, ample time on a loaded machine (a short one skipped them too under load).
    const api = await server({ faults: { '/apis/apps/v1/statefulsets': { delayMs: 600_000 } } });
    const result = await scanCluster({ kubeconfig: api.kubeconfig(), requestTimeoutMs: 5_000, deadlineMs: 120_000 });
    expect(result.warnings).toEqual([{ file: 'cluster:loopback-admin', message: 'list statefulsets.apps: no answer within 5s; skipped' }]);
    expect(result.counts.pods).toBe(17);
    expect(ids(result)).toContain('falco');
  });

  it('stops at the scan deadline and says the result is partial', async () => {
    // Pods' second page never comes; the deadline is long enough for every other list to be read
    // on a loaded machine (at 1.5 s, lists that were merely slow were cut too).
    const api = await server({ faults: { '/api/v1/pods': { delayMs: 600_000, page: 1 } } });
    const result = await scanCluster({ kubeconfig: api.kubeconfig(), requestTimeoutMs: 300_000, deadlineMs: 10_000 });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.message).toMatch(/^deadline of 10s exceeded: the result is partial \(not read completely: pods, services, ingresses\.networking\.k8s\.io, .*secrets\)$/);
    expect(ids(result)).toEqual(expect.arrayContaining(['prometheus', 'falco']));
    expect(ids(result)).not.toContain('static-secrets');
  });

  it('warns about a truncated JSON answer and reads the rest', async () => {
    const api = await server({ faults: { '/apis/apps/v1/deployments': { truncate: true, page: 0 } } });
    const result = await scanCluster({ kubeconfig: api.kubeconfig() });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.message).toMatch(/^list deployments\.apps: invalid or truncated JSON/);
    expect(result.counts.pods).toBe(17);
  });

  it('fails with a one-line ClusterAccessError when the server certificate is not trusted', async () => {
    const api = await server();
    const error = await scanCluster({ kubeconfig: api.kubeconfig({ caFile: join(api.dir, 'other-ca.crt') }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterAccessError);
    expect((error as ClusterAccessError).code).toBe('tls');
    expect((error as Error).message).toMatch(/^cannot verify cluster "loopback-admin" at https:\/\/127\.0\.0\.1:\d+: .*certificate.*\(check certificate-authority in the kubeconfig\)$/);
    expect(api.requests).toEqual([]);
  });

  it('fails with ClusterAccessError when nothing listens at the server address', async () => {
    const api = await server();
    const port = await closedPort();
    const file = api.kubeconfig();
    const text = readFileSync(file, 'utf8').replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, text);
    const error = await scanCluster({ kubeconfig: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterAccessError);
    expect((error as ClusterAccessError).code).toBe('unreachable');
    expect((error as Error).message).toMatch(/^cannot reach cluster "loopback-admin" at https:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });
});

describe('choosing the kubeconfig and context like kubectl', () => {
  let api: ApiServer;
  const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME };
  beforeAll(async () => {
    api = await startApiServer({ token: TOKEN, resources: {} });
  });
  afterAll(async () => {
    await api.close();
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('uses $KUBECONFIG when no file is given, skipping files that do not exist', async () => {
    process.env.KUBECONFIG = [join(api.dir, 'missing'), api.kubeconfig({ context: 'from-env' })].join(':');
    const result = await scanCluster({});
    expect(result.name).toBe('from-env');
  });

  it('uses the context asked for, and names the contexts there are when it is missing', async () => {
    const file = api.kubeconfig({ context: 'staging' });
    expect((await scanCluster({ kubeconfig: file, context: 'staging' })).name).toBe('staging');
    const error = await scanCluster({ kubeconfig: file, context: 'prod' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterAccessError);
    expect((error as Error).message).toBe('context "prod" is not in the kubeconfig (contexts: staging)');
  });

  it('says so when there is no kubeconfig at all', async () => {
    delete process.env.KUBECONFIG;
    process.env.HOME = api.dir;
    const error = await scanCluster({}).catch((e: unknown) => e);
    expect((error as ClusterAccessError).code).toBe('kubeconfig');
    const missing = await scanCluster({ kubeconfig: join(api.dir, 'nope.yaml') }).catch((e: unknown) => e);
    expect((missing as Error).message).toBe(`cannot read kubeconfig ${join(api.dir, 'nope.yaml')}: no such file`);
  });
});

describe('saving a snapshot of a live cluster', () => {
  it('writes a v1 List that readSnapshot reads back to the same detections, without Secret values', async () => {
    const api = await server({ leakSecretData: true });
    const output = join(api.dir, 'prod-eu.json');
    const saved = await saveSnapshot({ kubeconfig: api.kubeconfig(), output });
    expect(saved.counts.pods).toBe(17);
    expect(saved.forbidden).toEqual([]);

    const text = readFileSync(output, 'utf8');
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(CANARY_B64);
    expect(text).not.toContain('payments-db.payments.svc');
    const written = JSON.parse(text) as { apiVersion: string; kind: string; items: Record<string, unknown>[] };
    expect(written).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(written.items.filter((i) => i.kind === 'Secret').every((s) => s.data === undefined && s.type === 'Opaque')).toBe(true);

    const live = await scanCluster({ kubeconfig: api.kubeconfig() });
    const reread = await readSnapshot(output);
    expect(reread.name).toBe('prod-eu.json');
    expect(ids(reread)).toEqual(ids(live));
    expect(reread.coverage).toEqual(JSON.parse(JSON.stringify(live.coverage).replaceAll('"loopback-admin"', '"prod-eu.json"')));
    expect(new Set(api.requests.map((r) => r.method))).toEqual(new Set(['GET']));
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
