import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterAccessError, scanCluster } from '../../src/sources/cluster/index.js';
import { readClusters } from '../../src/scan/clusters.js';
import type { Fault } from '../cluster/api-server.js';
import { CLUSTER_TOKEN, startApiServer, type ApiServer } from './cluster-fixture.js';
import { repoWith, runCli } from './helpers.js';

/**
 * A hostile or broken API server: a body far larger than any real list (generated and streamed,
 * never held on either side), more objects than a list may hold, and redirects that would carry
 * the bearer token to another port of the same host or to plain http://.
 */

const servers: ApiServer[] = [];
const others: HttpServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
  for (const s of others.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

async function api(options: Parameters<typeof startApiServer>[0] = {}): Promise<ApiServer> {
  const server = await startApiServer(options);
  servers.push(server);
  return server;
}

/**
 * Another server on 127.0.0.1 (another port), with the API server's own certificate when `tls` is
 * that server: it records the Authorization header of every request and answers like an API server.
 */
async function bystander(tls: ApiServer | undefined): Promise<{ url: string; authorizations: (string | undefined)[] }> {
  const authorizations: (string | undefined)[] = [];
  const handler = (req: IncomingMessage, res: import('node:http').ServerResponse): void => {
    authorizations.push(req.headers.authorization);
    const body = JSON.stringify(req.url?.startsWith('/version') ? { gitVersion: 'v1.29.1' } : { kind: 'List', metadata: {}, items: [] });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const server = tls
    ? createHttpsServer({ key: readFileSync(join(tls.dir, 'server.key')), cert: readFileSync(join(tls.dir, 'server.crt')) }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  others.push(server);
  return { url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`, authorizations };
}

describe('cluster answers are bounded', () => {
  it('stops reading a 1.5 GB answer at the cap, warns naming the list, and reads the other lists', async () => {
    const server = await api({ faults: { '/api/v1/pods': { hugeBytes: 1.5 * 1024 ** 3 } } });
    const result = await scanCluster({ kubeconfig: server.kubeconfig(), maxResponseBytes: 1024 * 1024 });
    const warnings = result.warnings.map((w) => w.message);
    expect(warnings).toContainEqual(expect.stringMatching(/^list pods: answer larger than 1\.0 MB \(limits\.maxClusterResponseBytes\): reading stopped there, list skipped$/));
    // What the server managed to write is the cap plus what the sockets buffer: nowhere near the body.
    expect(server.bodyBytesSent['/api/v1/pods']).toBeGreaterThan(1024 * 1024);
    expect(server.bodyBytesSent['/api/v1/pods']).toBeLessThan(64 * 1024 * 1024);
    expect(result.counts['deployments.apps']).toBeGreaterThan(0);
  });

  it('stops a list at the objects cap with a warning', async () => {
    const server = await api();
    const result = await scanCluster({ kubeconfig: server.kubeconfig(), maxObjectsPerList: 2 });
    expect(result.warnings.map((w) => w.message)).toContainEqual('list pods: more than 2 objects (limits.maxClusterObjects): the rest was not read');
    expect(result.counts.pods).toBe(2);
  });

  it('reads the cap from the configuration limits through the command line', async () => {
    const server = await api({ faults: { '/api/v1/pods': { hugeBytes: 1.5 * 1024 ** 3 } } });
    const dir = repoWith({ '.k8s-maturity.yaml': 'limits:\n  maxClusterResponseBytes: 2000000\n' });
    const run = await runCli(['scan', dir, '--config', `${dir}/.k8s-maturity.yaml`, '--format', 'json', '--no-history', '--quiet', '--kubeconfig', server.kubeconfig()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/list pods: answer larger than 1\.9 MB/);
    expect(server.bodyBytesSent['/api/v1/pods']).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('credentials go only to the exact origin of the kubeconfig', () => {
  it('refuses a redirect to another port of the same host: the token never reaches it, and the cluster is an error', async () => {
    const faults: Record<string, Fault> = {};
    const redirecting = await api({ faults });
    const other = await bystander(redirecting);
    faults['/version'] = { redirectTo: `${other.url}/version` };
    const error = await scanCluster({ kubeconfig: redirecting.kubeconfig() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterAccessError);
    expect((error as ClusterAccessError).code).toBe('redirect');
    expect((error as Error).message).toMatch(/^cluster "loopback-admin" at https:\/\/127\.0\.0\.1:\d+ answered \/version with a redirect: redirected to another origin \(https:\/\/127\.0\.0\.1:\d+, HTTP 302\)/);
    expect(other.authorizations.filter((a) => a?.includes(CLUSTER_TOKEN))).toEqual([]);
  });

  it('makes a redirect of one list to http:// an error for the cluster, never an empty cluster', async () => {
    const plain = await bystander(undefined);
    const server = await api({ faults: { '/api/v1/pods': { redirectTo: `${plain.url}/api/v1/pods` } } });
    const error = await scanCluster({ kubeconfig: server.kubeconfig() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterAccessError);
    expect((error as Error).message).toMatch(/answered list pods with a redirect: redirected to another origin \(http:\/\/127\.0\.0\.1:\d+/);
    expect(plain.authorizations).toEqual([]);
    // --keep-going: a warning for that cluster, and no cluster reported.
    const kept = await readClusters([{ kubeconfig: server.kubeconfig() }], { keepGoing: true });
    expect(kept.clusters).toEqual([]);
    expect(kept.warnings).toEqual([{ file: 'cluster:current-context', message: expect.stringMatching(/redirect/) }]);
  });

  it('exits 2 on the command line when the server redirects elsewhere', async () => {
    const plain = await bystander(undefined);
    const server = await api({ faults: { '/api/v1/nodes': { redirectTo: `${plain.url}/api/v1/nodes` } } });
    const run = await runCli(['scan', repoWith({}), '--format', 'json', '--no-history', '--quiet', '--kubeconfig', server.kubeconfig()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/redirect/);
    expect(run.stderr).not.toContain(CLUSTER_TOKEN);
    expect(plain.authorizations).toEqual([]);
  });

  it('follows a redirect within the same origin', async () => {
    const server = await api({ faults: { '/version': { redirectTo: '/version?redirected=1' } } });
    const result = await scanCluster({ kubeconfig: server.kubeconfig() });
    expect(result.counts.pods).toBeGreaterThan(0);
    expect(server.requests.filter((r) => r.path === '/version').map((r) => r.authorized)).toEqual([true, true]);
  });
});
