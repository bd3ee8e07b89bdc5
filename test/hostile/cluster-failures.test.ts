import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterAccessError, scanCluster } from '../../src/sources/cluster/index.js';
import { resourcesFromList, startApiServer, type ApiServer, type ApiServerOptions } from '../cluster/api-server.js';

/**
 * Cluster failures beyond those of test/cluster/live.test.ts: rate limiting, a connection reset in
 * the middle of a paged list, and a server that accepts connections and never says a word. Each
 * ends within the deadline, as a warning or as one clear ClusterAccessError.
 */

const TOKEN = 'loopback-token-hostile-41c2';
const FIXTURE = join(import.meta.dirname, '..', 'cluster', 'fixtures', 'cluster-prod-eu.json');
const resources = resourcesFromList(JSON.parse(readFileSync(FIXTURE, 'utf8')) as { items: Record<string, unknown>[] });

const servers: ApiServer[] = [];
const silent: { server: Server; sockets: Set<Socket> }[] = [];
async function server(options: Partial<ApiServerOptions> = {}): Promise<ApiServer> {
  const started = await startApiServer({ token: TOKEN, resources, maxPage: 3, ...options });
  servers.push(started);
  return started;
}
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
  for (const { server: s, sockets } of silent.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

/** A TCP server that accepts every connection and never writes a byte: not even a TLS handshake. */
async function silentServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const s = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  silent.push({ server: s, sockets });
  return (s.address() as { port: number }).port;
}

describe('a cluster that fails in the middle of the scan', () => {
  it('retries a 429 once after its Retry-After and reads the list completely', async () => {
    const api = await server({ faults: { '/api/v1/pods': { status: 429, retryAfter: 1, page: 1, times: 1 } } });
    const started = performance.now();
    const result = await scanCluster({ kubeconfig: api.kubeconfig(), deadlineMs: 20_000 });
    expect(performance.now() - started).toBeGreaterThan(900);
    expect(result.warnings).toEqual([]);
    expect(result.counts.pods).toBe(17);
    const podPages = api.requests.filter((r) => r.path === '/api/v1/pods');
    // Six pages plus the one retried request.
    expect(podPages).toHaveLength(7);
  });

  it('gives a warning, not a failure, when the server keeps answering 429', async () => {
    const api = await server({ faults: { '/apis/apps/v1/daemonsets': { status: 429, retryAfter: 0 } } });
    const result = await scanCluster({ kubeconfig: api.kubeconfig(), deadlineMs: 20_000 });
    expect(result.warnings).toEqual([{ file: 'cluster:loopback-admin', message: expect.stringMatching(/^list daemonsets\.apps: HTTP 429 the server has received too many requests/) }]);
    expect(api.requests.filter((r) => r.path === '/apis/apps/v1/daemonsets')).toHaveLength(2);
    expect(result.counts.pods).toBe(17);
  });

  it('does not wait for a Retry-After that ends past the deadline', async () => {
    // A Retry-After far past a deadline that the other lists never reach, even on a loaded machine.
    const api = await server({ faults: { '/api/v1/pods': { status: 429, retryAfter: 600 } } });
    const result = await scanCluster({ kubeconfig: api.kubeconfig(), deadlineMs: 60_000 });
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^list pods: HTTP 429/)]);
    expect(api.requests.filter((r) => r.path === '/api/v1/pods')).toHaveLength(1);
  });

  it('keeps the pages read before a connection reset, with a warning, and goes on', async () => {
    const api = await server({ faults: { '/api/v1/pods': { reset: true, page: 2 } } });
    const result = await scanCluster({ kubeconfig: api.kubeconfig(), deadlineMs: 20_000 });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.message).toMatch(/^list pods: .*(socket hang up|ECONNRESET|closed).*\(6 read before\)$/i);
    expect(result.counts.pods).toBe(6);
    expect(result.counts.services).toBeGreaterThan(0);
    expect(result.detections.map((d) => d.id)).toEqual(expect.arrayContaining(['prometheus', 'falco']));
  });

  it('stops with a timeout ClusterAccessError when the server accepts the connection and never answers', async () => {
    const api = await server();
    const port = await silentServer();
    const file = api.kubeconfig();
    writeFileSync(file, readFileSync(file, 'utf8').replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`));
    const error = await scanCluster({ kubeconfig: file, requestTimeoutMs: 500, deadlineMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterAccessError);
    expect((error as ClusterAccessError).code).toBe('timeout');
    expect((error as Error).message).toMatch(/^cluster "loopback-admin" at https:\/\/127\.0\.0\.1:\d+ did not answer \/version within 0\.5s$/);
  });

  it('stops with a timeout ClusterAccessError at the deadline when it is shorter than the request timeout', async () => {
    const api = await server();
    const port = await silentServer();
    const file = api.kubeconfig();
    writeFileSync(file, readFileSync(file, 'utf8').replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`));
    const error = await scanCluster({ kubeconfig: file, requestTimeoutMs: 30_000, deadlineMs: 800 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterAccessError);
    expect((error as Error).message).toMatch(/did not answer \/version within the deadline of 0\.8s$/);
  });

  it('keeps control characters of a server message out of warnings', async () => {
    const api = await server({ faults: { '/api/v1/services': { status: 500 } } });
    // The fault's message is fixed; check the one-line rule on a hostile message directly too.
    const { oneLine } = await import('../../src/sources/cluster/errors.js');
    expect(oneLine('etcd\u001b[2J\u001b]0;pwned\u0007 down\r\nnow')).toBe('etcd [2J ]0;pwned down now');
    const result = await scanCluster({ kubeconfig: api.kubeconfig() });
    expect(JSON.stringify(result.warnings)).not.toMatch(/\\u001b/);
  });
});
