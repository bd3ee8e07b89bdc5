import type { ScanWarning } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { SELECTED_CUSTOM_RESOURCES } from '../../cluster/footprints.js';
import { secretMetadataOnly } from '../../cluster/secrets.js';
import type { ForbiddenResource } from '../../cluster/types.js';
import { classifyFailure, HttpStatusError, type ClusterClient, type RequestFailure } from './client.js';
import { ClusterAccessError } from './errors.js';
import { formatBytes } from '../../core/limits.js';
import { CLUSTER_RESOURCES, JSON_ACCEPT, METADATA_ONLY_ACCEPT, groupVersion, qualifiedName, resourcePath, type ClusterResource } from './resources.js';

export interface WalkOptions {
  /** Timeout of each request (default 30 s). */
  requestTimeoutMs?: number;
  /** Deadline of the whole scan (default 5 min): past it, the result is partial and says so. */
  deadlineMs?: number;
  /** Items per list page (default 500): the most objects held in memory at once. */
  pageSize?: number;
  /** Bytes of one answer read at most (default 64 MB): past it that list is skipped with a warning. */
  maxResponseBytes?: number;
  /** Objects of one list read at most (default 200,000): past it the rest is left with a warning. */
  maxObjectsPerList?: number;
  onProgress?: (message: string) => void;
}

/** Where each listed object goes, one at a time; a Secret arrives already reduced to metadata. */
export interface WalkSink {
  serverVersion?(gitVersion: string): void;
  item(object: Record<string, unknown>, resource: ClusterResource): void | Promise<void>;
  /** Every page of the resource was read. */
  complete?(resource: ClusterResource): void;
}

export interface WalkResult {
  warnings: ScanWarning[];
  forbidden: ForbiddenResource[];
  counts: Record<string, number>;
}

export const DEFAULTS = {
  requestTimeoutMs: 30_000,
  deadlineMs: 300_000,
  pageSize: 500,
  maxResponseBytes: 64 * 1024 * 1024,
  maxObjectsPerList: 200_000,
} as const;

/** A 429 (too many requests) is retried once, after its Retry-After (default 1 s), if that is at most this long. */
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * Lists every resource the scan needs, page by page (limit/continue), handing each object to the
 * sink and dropping the page. Only GET requests. A 403 is recorded and the walk goes on; other
 * failures of one list become warnings; only "cannot talk to this cluster at all" throws.
 */
export async function walkCluster(client: ClusterClient, options: WalkOptions, sink: WalkSink): Promise<WalkResult> {
  return new ClusterWalk(client, options, sink).run();
}

/** One walk: its limits, its deadline and what it found so far. */
class ClusterWalk {
  private readonly requestTimeoutMs: number;
  private readonly deadlineMs: number;
  private readonly pageSize: number;
  private readonly maxResponseBytes: number;
  private readonly maxObjectsPerList: number;
  private readonly file: string;
  private readonly result: WalkResult = { warnings: [], forbidden: [], counts: {} };
  private readonly deadline = new AbortController();
  private readonly deadlineAt: number;
  /** Whether the server has answered anything: after that, failing to reach it is about one list. */
  private answered = false;
  /** Summaries of the CRDs listed, to pick the custom resources to list next. */
  private readonly definitions: Record<string, unknown>[] = [];

  constructor(
    private readonly client: ClusterClient,
    private readonly options: WalkOptions,
    private readonly sink: WalkSink,
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
    this.deadlineMs = options.deadlineMs ?? DEFAULTS.deadlineMs;
    this.pageSize = options.pageSize ?? DEFAULTS.pageSize;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
    this.maxObjectsPerList = options.maxObjectsPerList ?? DEFAULTS.maxObjectsPerList;
    this.file = `cluster:${client.name}`;
    this.deadlineAt = Date.now() + this.deadlineMs;
  }

  async run(): Promise<WalkResult> {
    const timer = setTimeout(() => this.deadline.abort(), this.deadlineMs);
    timer.unref?.();
    try {
      await this.readVersion();
      const queue: ClusterResource[] = [...CLUSTER_RESOURCES];
      for (let index = 0; index < queue.length; index++) {
        const resource = queue[index]!;
        if (this.deadline.signal.aborted) {
          const left = queue.slice(index).map(qualifiedName);
          this.warn(`deadline of ${seconds(this.deadlineMs)} exceeded: the result is partial (not read: ${left.join(', ')})`);
          break;
        }
        const outcome = await this.listAll(resource);
        if (resource.resource === 'customresourcedefinitions') {
          // Custom resources that show a tool in use are listed when their CRD exists, at its served version.
          queue.splice(index + 1, 0, ...customResources(this.definitions));
          this.definitions.length = 0;
        }
        if (outcome === 'deadline') {
          const left = queue.slice(index).map(qualifiedName).join(', ');
          this.warn(`deadline of ${seconds(this.deadlineMs)} exceeded: the result is partial (not read completely: ${left})`);
          break;
        }
      }
    } finally {
      clearTimeout(timer);
    }
    return this.result;
  }

  private warn(message: string): void {
    this.result.warnings.push({ file: this.file, message });
  }

  private async readVersion(): Promise<void> {
    try {
      const version = await this.request('/version', {}, JSON_ACCEPT);
      if (isRecord(version) && typeof version.gitVersion === 'string') this.sink.serverVersion?.(version.gitVersion);
    } catch (error) {
      const stop = this.fatal(classifyFailure(error), '/version');
      if (stop) throw stop;
      // A 403 or 404 on /version says nothing about the lists: go on.
    }
  }

  private async request(path: string, query: Record<string, string | undefined>, accept: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const signal = AbortSignal.any([this.deadline.signal, AbortSignal.timeout(this.requestTimeoutMs)]);
      try {
        const body = await this.client.get(path, query, accept, signal, this.maxResponseBytes);
        this.answered = true;
        return body;
      } catch (error) {
        // API priority and fairness answers 429 with Retry-After: wait once, within the deadline, then give up.
        if (attempt > 0 || !(error instanceof HttpStatusError) || error.status !== 429) throw error;
        this.answered = true;
        const waitMs = (error.retryAfterSeconds ?? 1) * 1000;
        if (waitMs > MAX_RETRY_AFTER_MS || Date.now() + waitMs >= this.deadlineAt) throw error;
        await pause(waitMs, this.deadline.signal);
      }
    }
  }

  /** Failures that mean the cluster cannot be read at all; anything else is about one list. */
  private fatal(failure: RequestFailure, what: string): ClusterAccessError | undefined {
    const where = `cluster "${this.client.name}" at ${this.client.server}`;
    // Wherever it happens: the server tried to take the credentials elsewhere, nothing it says can be trusted.
    if (failure.kind === 'redirect') return new ClusterAccessError('redirect', `${where} answered ${what} with a redirect: ${failure.message}`);
    if (failure.kind === 'status' && failure.status === 401) {
      const message = `${where} rejected the credentials (401 Unauthorized): refresh the token or certificate of this context`;
      return new ClusterAccessError('unauthorized', message);
    }
    if (this.answered) return undefined;
    if (failure.kind === 'tls') {
      return new ClusterAccessError('tls', `cannot verify ${where}: ${failure.message} (check certificate-authority in the kubeconfig)`);
    }
    if (failure.kind === 'network') return new ClusterAccessError('unreachable', `cannot reach ${where}: ${failure.message}`);
    if (failure.kind === 'aborted' && !this.deadline.signal.aborted) {
      return new ClusterAccessError('timeout', `${where} did not answer ${what} within ${seconds(this.requestTimeoutMs)}`);
    }
    // Not one answer before the deadline: the cluster was not read at all, which is no partial result.
    if (failure.kind === 'aborted') {
      return new ClusterAccessError('timeout', `${where} did not answer ${what} within the deadline of ${seconds(this.deadlineMs)}`);
    }
    return undefined;
  }

  private async listAll(resource: ClusterResource): Promise<'done' | 'failed' | 'deadline'> {
    const name = qualifiedName(resource);
    const apiVersion = groupVersion(resource);
    let count = 0;
    let token: string | undefined;
    do {
      let page: unknown;
      try {
        page = await this.request(
          resourcePath(resource),
          { limit: String(this.pageSize), continue: token, fieldSelector: resource.fieldSelector },
          resource.metadataOnly ? METADATA_ONLY_ACCEPT : JSON_ACCEPT,
        );
      } catch (error) {
        return this.listFailed(resource, error, count);
      }
      const body = isRecord(page) ? page : {};
      const items = Array.isArray(body.items) ? body.items : [];
      for (let i = 0; i < items.length; i++) {
        if (count >= this.maxObjectsPerList) {
          this.result.counts[name] = count;
          this.warn(`list ${name}: more than ${this.maxObjectsPerList} objects (limits.maxClusterObjects): the rest was not read`);
          return 'failed';
        }
        const raw = items[i];
        items[i] = undefined;
        if (!isRecord(raw)) continue;
        // A Secret is cut down to metadata here, even if the server sent its data anyway.
        const object = resource.metadataOnly ? secretMetadataOnly(raw, resource.fieldSelector === 'type=Opaque' ? 'Opaque' : undefined) : raw;
        // List items from the API carry no kind/apiVersion (kubectl adds them): set them.
        object.apiVersion = apiVersion;
        object.kind = resource.kind;
        if (resource.resource === 'customresourcedefinitions') this.definitions.push(definitionSummary(object));
        count++;
        await this.sink.item(object, resource);
      }
      const metadata = isRecord(body.metadata) ? body.metadata : {};
      token = typeof metadata.continue === 'string' && metadata.continue !== '' ? metadata.continue : undefined;
      if (token) this.options.onProgress?.(`${this.client.name}: ${name} ${count}…`);
    } while (token);
    this.result.counts[name] = count;
    this.sink.complete?.(resource);
    this.options.onProgress?.(`${this.client.name}: ${count} ${name}`);
    return 'done';
  }

  /** What a failed page of a list means: the walk stops, goes on to the next list, or meets its deadline. */
  private listFailed(resource: ClusterResource, error: unknown, count: number): 'failed' | 'deadline' {
    const name = qualifiedName(resource);
    const failure = classifyFailure(error);
    const stop = this.fatal(failure, `list ${name}`);
    if (stop) throw stop;
    this.result.counts[name] = count;
    const partial = count > 0 ? ` (${count} read before)` : '';
    if (failure.kind === 'aborted') {
      if (this.deadline.signal.aborted) return 'deadline';
      this.warn(`list ${name}: no answer within ${seconds(this.requestTimeoutMs)}; skipped${partial}`);
      return 'failed';
    }
    if (failure.kind === 'status' && failure.status === 403) {
      this.result.forbidden.push({ resource: resource.resource, verb: 'list', group: resource.group });
      return 'failed';
    }
    if (failure.kind === 'status' && failure.status === 404) {
      this.warn(`list ${name}: not served by this cluster (${groupVersion(resource)})`);
      return 'failed';
    }
    if (failure.kind === 'status' && failure.status === 410) {
      this.warn(`list ${name}: the list expired while paging; partial${partial}`);
      return 'failed';
    }
    if (failure.kind === 'too-large') {
      const limit = `${formatBytes(failure.maxBytes)} (limits.maxClusterResponseBytes)`;
      this.warn(`list ${name}: answer larger than ${limit}: reading stopped there, list skipped${partial}`);
      return 'failed';
    }
    if (failure.kind === 'redirect') return 'failed'; // fatal() above always stops: unreachable
    const what = failure.kind === 'status' ? `HTTP ${failure.status} ${failure.message}` : failure.message;
    this.warn(`list ${name}: ${what}${partial}`);
    return 'failed';
  }
}

function customResources(definitions: Record<string, unknown>[]): ClusterResource[] {
  const out: ClusterResource[] = [];
  for (const wanted of SELECTED_CUSTOM_RESOURCES) {
    const crd = definitions.find((d) => {
      const spec = isRecord(d.spec) ? d.spec : {};
      return spec.group === wanted.group && isRecord(spec.names) && spec.names.plural === wanted.resource;
    });
    if (!crd) continue;
    const spec = isRecord(crd.spec) ? crd.spec : {};
    const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
    const version = versions.find((v) => v.served !== false && v.storage === true) ?? versions.find((v) => v.served !== false);
    if (!version || typeof version.name !== 'string') continue;
    out.push({ group: wanted.group, version: version.name, resource: wanted.resource, kind: wanted.kind });
  }
  return out;
}

/** A CRD's schema can weigh 100 kB: keep only what picks the custom resources to list. */
function definitionSummary(crd: Record<string, unknown>): Record<string, unknown> {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord).map((v) => ({ name: v.name, served: v.served, storage: v.storage })) : [];
  return { spec: { group: spec.group, names: { plural: isRecord(spec.names) ? spec.names.plural : undefined }, versions } };
}

/** Waits, or stops waiting at once when the scan's deadline passes. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
