/**
 * A loopback Kubernetes API server for tests and the benchmark: HTTPS on 127.0.0.1 with a CA made
 * at start (openssl), bearer-token auth, paged lists (limit/continue) and metadata-only lists
 * (PartialObjectMetadataList). It records every request so tests can prove the scan only reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Objects of one resource: a plain array, or generated on demand (the benchmark's 20,000 pods). */
export type ItemSource = readonly unknown[] | { total: number; item: (index: number) => unknown };

export interface Fault {
  /** Answer with this status (403, 500…) instead of the list. */
  status?: number;
  /** Wait this long before answering (a slow server). */
  delayMs?: number;
  /** Send a complete HTTP answer whose JSON is cut in the middle. */
  truncate?: boolean;
  /** Only on this page (0-based); default every page. */
  page?: number;
  /** With status 429 or 503: the Retry-After header, in seconds. */
  retryAfter?: number;
  /** Destroy the connection instead of answering (a reset in the middle of a paged list). */
  reset?: boolean;
  /** Only the first N requests it applies to; default all of them. */
  times?: number;
  /** Answer 302 with this Location (an absolute URL, or a path on this server), unless the query has `redirected`. */
  redirectTo?: string;
  /**
   * Answer 200 with a list of about this many bytes, generated and streamed as the client reads
   * (never held in memory); without a content-length, so only reading tells how large it is.
   */
  hugeBytes?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string;
  authorized: boolean;
}

export interface ApiServerOptions {
  token: string;
  /** Keyed by path: "/api/v1/pods", "/apis/apps/v1/deployments". */
  resources: Record<string, ItemSource>;
  version?: Record<string, string>;
  faults?: Record<string, Fault>;
  /** Largest page the server agrees to send (a real server honours `limit`; this caps it lower to force paging). */
  maxPage?: number;
  /** Misbehave: send Secrets' data even in metadata-only lists. */
  leakSecretData?: boolean;
}

export interface ApiServer {
  url: string;
  dir: string;
  caFile: string;
  requests: RecordedRequest[];
  /** Bytes of body written by the `hugeBytes` fault, per path (what the client let through). */
  bodyBytesSent: Record<string, number>;
  /** Writes a kubeconfig for this server and returns its path. */
  kubeconfig(options?: { token?: string; caFile?: string; context?: string; file?: string }): string;
  close(): Promise<void>;
}

export const METADATA_ACCEPT = 'as=PartialObjectMetadataList';

/** A CA and a server certificate for 127.0.0.1, plus an unrelated CA for "wrong CA" tests. */
export function makeCertificates(dir: string): { caFile: string; otherCaFile: string; key: string; cert: string } {
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=k8s-maturity test CA');
  run('req', '-x509', ...ec, '-keyout', 'other-ca.key', '-out', 'other-ca.crt', '-days', '2', '-subj', '/CN=some other CA');
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext');
  return {
    caFile: join(dir, 'ca.crt'),
    otherCaFile: join(dir, 'other-ca.crt'),
    key: readFileSync(join(dir, 'server.key'), 'utf8'),
    cert: readFileSync(join(dir, 'server.crt'), 'utf8'),
  };
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'k8sm-apiserver-'));
  const { caFile, key, cert } = makeCertificates(dir);
  const requests: RecordedRequest[] = [];
  const faultCounts = new Map<string, number>();
  const bodyBytesSent: Record<string, number> = {};

  const server: Server = createServer({ key, cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const accept = String(req.headers.accept ?? '');
    const authorized = req.headers.authorization === `Bearer ${options.token}`;
    requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), accept, authorized });

    const send = (status: number, body: unknown, contentType = 'application/json'): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    const status = (code: number, reason: string, message: string): void => send(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

    if (req.method !== 'GET') return status(405, 'MethodNotAllowed', `${req.method} is not allowed here`);
    if (!authorized) return status(401, 'Unauthorized', 'Unauthorized');
    const redirect = options.faults?.[url.pathname]?.redirectTo;
    if (redirect !== undefined && !url.searchParams.has('redirected')) {
      res.writeHead(302, { location: redirect, 'content-length': 0 });
      res.end();
      return;
    }
    if (url.pathname === '/version') return send(200, options.version ?? { major: '1', minor: '29', gitVersion: 'v1.29.1', platform: 'linux/amd64' });

    const source = options.resources[url.pathname];
    if (!source) return status(404, 'NotFound', 'the server could not find the requested resource');
    const resource = url.pathname.split('/').at(-1)!;
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 1e9) || 1e9, options.maxPage ?? 1e9);
    const offset = url.searchParams.get('continue') ? Number(JSON.parse(Buffer.from(url.searchParams.get('continue')!, 'base64url').toString()).offset) : 0;
    const page = Math.floor(offset / limit);

    const fault = options.faults?.[url.pathname];
    const withinTimes = (times: number | undefined): boolean => {
      if (times === undefined) return true;
      const seen = (faultCounts.get(url.pathname) ?? 0) + 1;
      faultCounts.set(url.pathname, seen);
      return seen <= times;
    };
    const applies = fault && (fault.page === undefined || fault.page === page) && withinTimes(fault.times);
    if (applies && fault.reset) {
      req.socket.destroy();
      return;
    }
    const respond = (): void => {
      if (applies && fault.hugeBytes) return streamHuge(res, fault.hugeBytes, (sent) => (bodyBytesSent[url.pathname] = sent));
      if (applies && fault.status && fault.retryAfter !== undefined) {
        const text = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server has received too many requests and has asked us to try again later', reason: 'TooManyRequests', code: fault.status });
        res.writeHead(fault.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'retry-after': String(fault.retryAfter) });
        res.end(text);
        return;
      }
      if (applies && fault.status) return status(fault.status, fault.status === 403 ? 'Forbidden' : 'InternalError', fault.status === 403 ? `${resource} is forbidden: User "system:serviceaccount:audit:k8s-maturity" cannot list resource "${resource}" at the cluster scope` : 'etcdserver: request timed out');

      const selector = url.searchParams.get('fieldSelector');
      const metadataOnly = accept.includes(METADATA_ACCEPT);
      const total = Array.isArray(source) ? source.length : (source as { total: number }).total;
      const at = (i: number): unknown => (Array.isArray(source) ? source[i] : (source as { item: (i: number) => unknown }).item(i));
      const items: unknown[] = [];
      let next = offset;
      while (next < total && items.length < limit) {
        const object = at(next++) as Record<string, unknown>;
        if (selector === 'type=Opaque' && (object.type ?? 'Opaque') !== 'Opaque') continue;
        // Real list items carry no apiVersion/kind.
        const { apiVersion: _a, kind: _k, ...rest } = object;
        items.push(metadataOnly ? { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: rest.metadata, ...(options.leakSecretData ? { data: rest.data, type: rest.type } : {}) } : rest);
      }
      const more = next < total;
      const body = {
        kind: metadataOnly ? 'PartialObjectMetadataList' : `${kindOf(resource)}List`,
        apiVersion: metadataOnly ? 'meta.k8s.io/v1' : apiVersionOf(url.pathname),
        metadata: { resourceVersion: '48213', ...(more ? { continue: Buffer.from(JSON.stringify({ offset: next })).toString('base64url'), remainingItemCount: total - next } : {}) },
        items,
      };
      const contentType = metadataOnly ? 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' : 'application/json';
      if (applies && fault.truncate) {
        const text = JSON.stringify(body);
        const cut = text.slice(0, Math.floor(text.length / 2));
        res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(cut) });
        res.end(cut);
        return;
      }
      send(200, body, contentType);
    };
    if (applies && fault.delayMs) {
      const timer = setTimeout(respond, fault.delayMs);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    respond();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    dir,
    caFile,
    requests,
    bodyBytesSent,
    kubeconfig({ token = options.token, caFile: ca = caFile, context = 'loopback-admin', file = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`) } = {}) {
      writeFileSync(
        file,
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          '- name: loopback',
          '  cluster:',
          `    server: ${url}`,
          `    certificate-authority: ${ca}`,
          'contexts:',
          `- name: ${context}`,
          '  context:',
          '    cluster: loopback',
          '    user: auditor',
          `current-context: ${context}`,
          'users:',
          '- name: auditor',
          '  user:',
          `    token: ${token}`,
          '',
        ].join('\n'),
      );
      return file;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The path that lists objects of this apiVersion and kind, e.g. "/apis/apps/v1/deployments". */
export function pathOf(apiVersion: string, kind: string, plural?: string): string {
  const resource = plural ?? PLURALS[kind] ?? `${kind.toLowerCase()}s`;
  return apiVersion.includes('/') ? `/apis/${apiVersion}/${resource}` : `/api/${apiVersion}/${resource}`;
}

/** Groups the items of a snapshot (kubectl List) by list path, CRDs telling the plural of custom resources. */
export function resourcesFromList(list: { items: Record<string, unknown>[] }): Record<string, unknown[]> {
  const plurals = new Map<string, string>();
  for (const item of list.items) {
    if (item.kind !== 'CustomResourceDefinition') continue;
    const spec = item.spec as { group: string; names: { kind: string; plural: string } };
    plurals.set(`${spec.group}|${spec.names.kind}`, spec.names.plural);
  }
  const out: Record<string, unknown[]> = {};
  for (const item of list.items) {
    const apiVersion = String(item.apiVersion);
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const path = pathOf(apiVersion, String(item.kind), plurals.get(`${group}|${String(item.kind)}`));
    (out[path] ??= []).push(item);
  }
  return out;
}

const PLURALS: Record<string, string> = {
  Ingress: 'ingresses',
  CustomResourceDefinition: 'customresourcedefinitions',
  MutatingWebhookConfiguration: 'mutatingwebhookconfigurations',
  ValidatingWebhookConfiguration: 'validatingwebhookconfigurations',
};

function kindOf(resource: string): string {
  const known = Object.entries(PLURALS).find(([, plural]) => plural === resource);
  if (known) return known[0];
  const singular = resource.replace(/ies$/, 'y').replace(/s$/, '');
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

function apiVersionOf(path: string): string {
  const parts = path.split('/');
  return parts[1] === 'api' ? parts[2]! : `${parts[2]}/${parts[3]}`;
}

/** A PodList of about `total` bytes, written chunk by chunk as the socket drains: memory stays flat on this side. */
function streamHuge(res: import('node:http').ServerResponse, total: number, onSent: (bytes: number) => void): void {
  const pod = JSON.stringify({ metadata: { name: 'filler', namespace: 'default', labels: { padding: 'x'.repeat(900) } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  const chunk = Buffer.from(`${Array.from({ length: 256 }, () => pod).join(',')},`);
  const head = Buffer.from('{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[');
  let sent = 0;
  res.writeHead(200, { 'content-type': 'application/json' });
  const write = (buffer: Buffer): boolean => {
    sent += buffer.length;
    onSent(sent);
    return res.write(buffer);
  };
  write(head);
  const pump = (): void => {
    while (sent < total) {
      if (res.destroyed) return;
      if (!write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(`${pod}]}`);
  };
  res.on('error', () => undefined);
  pump();
}
