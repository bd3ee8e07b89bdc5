import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Configuration, KubeConfig } from '@kubernetes/client-node';
import { importEsm } from '../../core/import-esm.js';
import { ClusterAccessError, oneLine } from './errors.js';
import { cappedGet, RedirectError, ResponseTooLargeError } from './http-get.js';

export interface ConnectOptions {
  /** A kubeconfig file; default: $KUBECONFIG (several files, like kubectl), then ~/.kube/config. */
  kubeconfig?: string;
  /** A context of that kubeconfig; default: its current-context. */
  context?: string;
}

/** One GET answered with a status other than 2xx. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds from a Retry-After header (429, 503), when the server sent one as a number. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** A failed request, sorted by what the scan does about it. */
export type RequestFailure =
  | { kind: 'status'; status: number; message: string }
  | { kind: 'aborted' }
  | { kind: 'tls'; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'invalid'; message: string }
  /** Redirected to another origin: an error for the whole cluster, the token never follows. */
  | { kind: 'redirect'; message: string }
  /** The answer was larger than the cap: reading stopped there. */
  | { kind: 'too-large'; maxBytes: number };

type ClientNode = typeof import('@kubernetes/client-node');

/**
 * Read-only access to one cluster through @kubernetes/client-node: its KubeConfig (tokens, client
 * certificates, exec plugins, CA) and its HTTP layer. Only GET is ever sent.
 */
export class ClusterClient {
  /** The library's own configuration for this server: base URL and HTTP layer (node-fetch). */
  private readonly config: Configuration;

  private constructor(
    private readonly lib: ClientNode,
    private readonly kc: KubeConfig,
    /** The context name: the cluster's name in reports. */
    readonly name: string,
    /** API server URL without credentials, for messages. */
    readonly server: string,
  ) {
    this.config = lib.createConfiguration({ baseServer: new lib.ServerConfiguration(kc.getCurrentCluster()!.server, {}) });
  }

  /** Resolves the kubeconfig and context like kubectl. Loads the client library only now (about 0.5 s). */
  static async connect(options: ConnectOptions): Promise<ClusterClient> {
    const lib = await importEsm<ClientNode>('@kubernetes/client-node');
    const kc = new lib.KubeConfig();
    loadKubeconfig(lib, kc, options.kubeconfig);
    const contexts = kc.getContexts().map((c) => c.name);
    const context = options.context ?? kc.getCurrentContext();
    if (!context) throw new ClusterAccessError('kubeconfig', 'the kubeconfig has no current-context: pass --context NAME');
    if (!contexts.includes(context)) {
      throw new ClusterAccessError('kubeconfig', `context "${context}" is not in the kubeconfig (contexts: ${contexts.join(', ') || 'none'})`);
    }
    kc.setCurrentContext(context);
    const cluster = kc.getCurrentCluster();
    if (!cluster?.server) throw new ClusterAccessError('kubeconfig', `context "${context}" names no cluster with a server URL`);
    return new ClusterClient(lib, kc, context, safeUrl(cluster.server));
  }

  /**
   * GET a path and parse the JSON answer, reading at most `maxBytes` of it. Throws HttpStatusError,
   * RedirectError, ResponseTooLargeError, or the HTTP layer's own errors.
   */
  async get(path: string, query: Record<string, string | undefined>, accept: string, signal: AbortSignal, maxBytes: number): Promise<unknown> {
    const { lib, kc } = this;
    const context = this.config.baseServer.makeRequestContext(path, lib.HttpMethod.GET);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) context.setQueryParam(key, value);
    await kc.applySecurityAuthentication(context);
    context.setHeaderParam('Accept', accept);
    const response = await cappedGet({ url: context.getUrl(), headers: context.getHeaders(), agent: context.getAgent(), signal, maxBytes });
    const { text } = response;
    if (response.status < 200 || response.status > 299) {
      const retryAfter = Number(response.headers['retry-after']);
      throw new HttpStatusError(response.status, statusMessage(text, response.status), Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new InvalidResponseError(`invalid or truncated JSON (${text.length} bytes): ${(error as Error).message}`);
    }
  }
}

export class InvalidResponseError extends Error {}

const TLS_CODES = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_(VERIFY|GET_ISSUER)|ERR_OSSL/;

export function classifyFailure(error: unknown): RequestFailure {
  if (error instanceof HttpStatusError) return { kind: 'status', status: error.status, message: error.message };
  if (error instanceof InvalidResponseError) return { kind: 'invalid', message: error.message };
  if (error instanceof RedirectError) return { kind: 'redirect', message: oneLine(error.message) };
  if (error instanceof ResponseTooLargeError) return { kind: 'too-large', maxBytes: error.maxBytes };
  const e = error as { name?: string; type?: string; code?: string; errno?: string; message?: string };
  if (e?.name === 'AbortError' || e?.type === 'aborted') return { kind: 'aborted' };
  const code = String(e?.code ?? e?.errno ?? '');
  const reason = reasonOf(String(e?.message ?? error));
  if (TLS_CODES.test(code) || /certificate|self[- ]signed|SSL|TLS/i.test(reason)) return { kind: 'tls', message: reason };
  if (e?.type === 'system' || /^E[A-Z]+$/.test(code)) return { kind: 'network', message: code ? `${reason} (${code})` : reason };
  // Bodies cut short (premature close) and JSON errors from the HTTP layer.
  return { kind: 'invalid', message: reason };
}

/** node-fetch says "request to https://… failed, reason: X": keep X. */
function reasonOf(message: string): string {
  const at = message.indexOf('reason: ');
  return oneLine(at >= 0 ? message.slice(at + 8) : message);
}

function statusMessage(text: string, status: number): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return oneLine(body.message);
  } catch {
    // Not a Status object: fall through.
  }
  return `HTTP ${status}`;
}

function safeUrl(server: string): string {
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return server;
  }
}

/** kubectl's order: the explicit file, else every file of $KUBECONFIG (first definition wins), else ~/.kube/config, else in-cluster. */
function loadKubeconfig(lib: ClientNode, kc: KubeConfig, explicit: string | undefined): void {
  const read = (target: KubeConfig, file: string): void => {
    try {
      target.loadFromFile(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message.split('\n')[0];
      throw new ClusterAccessError('kubeconfig', `cannot read kubeconfig ${file}: ${reason}`);
    }
  };
  if (explicit) {
    read(kc, explicit);
    return;
  }
  const fromEnv = (process.env.KUBECONFIG ?? '').split(delimiter).filter((file) => file && existsSync(file));
  if (fromEnv.length > 0) {
    read(kc, fromEnv[0]!);
    for (const file of fromEnv.slice(1)) {
      const more = new lib.KubeConfig();
      read(more, file);
      if (!kc.getCurrentContext() && more.getCurrentContext()) kc.setCurrentContext(more.getCurrentContext());
      for (const cluster of more.getClusters()) if (!kc.getCluster(cluster.name)) kc.addCluster(cluster);
      for (const user of more.getUsers()) if (!kc.getUser(user.name)) kc.addUser(user);
      for (const context of more.getContexts()) if (!kc.getContextObject(context.name)) kc.addContext(context);
    }
    return;
  }
  const home = join(homedir(), '.kube', 'config');
  if (existsSync(home)) {
    read(kc, home);
    return;
  }
  if (process.env.KUBERNETES_SERVICE_HOST && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')) {
    kc.loadFromCluster();
    return;
  }
  throw new ClusterAccessError('kubeconfig', 'no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config');
}
