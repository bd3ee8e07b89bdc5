import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Limits } from '../core/limits.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import type { Detector } from '../detectors/detector.js';
import type { SignalFile } from '../signals/schema.js';
import { ScanCache, type ScanCacheSettings } from '../cache/scan-cache.js';
import { scanRepository, ScanInputError, type ScanRepositoryOptions } from './scan-repository.js';
import { HISTORY_SIGNALS, readHistoryAsync, type HistoryFacts } from '../history/index.js';
import { GitWaitedError } from '../sources/git/safe-git.js';
import { platformMembers } from '../config/repositories.js';
import type { OrgConfig } from '../config/schema.js';
import type { HistoryRequest, ScanJob, ScannedWithHistory, WorkerJob, WorkerMessage } from './worker-messages.js';

/** Below this many repositories, starting workers (each loads every detector and parser) costs more than it saves. */
export const MIN_REPOSITORIES_FOR_WORKERS = 4;
const MAX_WORKERS = 4;

export interface ScanProgress {
  /** Repositories finished so far, and files read in all. */
  done: number;
  total: number;
  files: number;
  /** The repository most recently started or reporting. */
  current: string;
}

export interface ScanManyOptions {
  limits: Limits;
  /** Read each repository's git history too (on the same thread as its scan). */
  history?: HistoryRequest;
  detectors: readonly Detector[] | 'all';
  /** A configuration's own signals: the registry plus these, on worker threads too (they build the same detectors). */
  signalFiles?: readonly SignalFile[];
  /** What the configuration tells detectors (data: it is sent to the workers). */
  settings?: DetectorSettings;
  cache?: ScanCacheSettings;
  /** Worker threads to use; default: one per available core (up to 4), none on one core or for few repositories. */
  workers?: number;
  /** The compiled worker module; tests point it at dist/. Default: scan-worker.js beside this module. */
  workerUrl?: URL;
  onProgress?: (progress: ScanProgress) => void;
}

/**
 * Scans many repositories, on worker threads when that pays, and gives each result back in the
 * order asked: `result(i)` is the scan of `paths[i]` whatever order the workers finish in, so
 * reports do not depend on timing. A repository that cannot be scanned rejects its own promise only.
 */
export class RepositoryScans {
  private readonly results: (Promise<ScannedWithHistory> | undefined)[];
  private readonly workers: Worker[] = [];
  private readonly progress: ScanProgress;
  private readonly filesOf = new Map<number, number>();
  private readonly serialCache: ScanCache | undefined;
  private readonly paths: readonly string[];

  constructor(
    private readonly jobs: readonly ScanJob[],
    private readonly options: ScanManyOptions,
  ) {
    const paths = jobs.map((job) => job.root);
    this.paths = paths;
    this.results = new Array<Promise<ScannedWithHistory> | undefined>(paths.length).fill(undefined);
    this.progress = { done: 0, total: paths.length, files: 0, current: '' };
    this.serialCache = options.cache ? new ScanCache(options.cache) : undefined;
    const count = Math.min(options.workers ?? defaultWorkers(paths.length), paths.length);
    const workerUrl = options.workerUrl ?? new URL('./scan-worker.js', import.meta.url);
    // Run from TypeScript sources (tests) there is no compiled worker: scan on this thread. Workers
    // load the registry themselves, so a chosen subset of detectors is scanned here too.
    if (count >= 2 && existsSync(fileURLToPath(workerUrl)) && (options.detectors === 'all' || options.signalFiles !== undefined)) this.startWorkers(count, workerUrl);
  }

  /** The scan of paths[index]; on the serial path it starts now. */
  result(index: number): Promise<ScannedWithHistory> {
    let promise = this.results[index];
    if (promise === undefined) {
      const path = this.paths[index]!;
      this.report(index, path, 0);
      // Scanned on this thread, one repository at a time: git and this thread each have a core when
      // there are two. A few repositories are what someone waits on: their listing is kept only once
      // unchanged. A whole organization here (one core) keeps it at once, as on worker threads.
      const listingOnceUnchanged = this.paths.length < MIN_REPOSITORIES_FOR_WORKERS;
      const options = { ...this.options, spareCore: availableParallelism() >= 2, listingOnceUnchanged };
      promise = scanOne(this.jobs[index]!, options, this.serialCache, (count) => this.report(index, path, count)).finally(() =>
        this.finish(index, path),
      );
      this.results[index] = promise;
    }
    return promise;
  }

  /** Stops the workers (idempotent). */
  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }

  /** Whether the scans run on worker threads (for tests and the benchmark). */
  get parallel(): boolean {
    return this.workers.length > 0;
  }

  private startWorkers(count: number, workerUrl: URL): void {
    const queue = this.paths.map((_, index) => index);
    const settle = new Map<number, { resolve: (r: ScannedWithHistory) => void; reject: (e: Error) => void }>();
    for (const [index] of this.paths.entries()) {
      this.results[index] = new Promise<ScannedWithHistory>((resolve, reject) => settle.set(index, { resolve, reject }));
      // Rejections are handled by whoever awaits result(index); never an unhandled rejection here.
      this.results[index]!.catch(() => undefined);
    }
    const inFlight = new Map<Worker, number>();
    const next = (worker: Worker): void => {
      const index = queue.shift();
      if (index === undefined) return;
      inFlight.set(worker, index);
      const job: WorkerJob = {
        id: index,
        job: this.jobs[index]!,
        limits: this.options.limits,
        ...(this.options.settings ? { settings: this.options.settings } : {}),
        ...(this.options.cache ? { cache: this.options.cache } : {}),
        ...(this.options.history ? { history: this.options.history } : {}),
        ...(this.options.signalFiles ? { signalFiles: this.options.signalFiles } : {}),
      };
      this.report(index, job.job.root, 0);
      worker.postMessage(job);
    };
    const lost = (worker: Worker, error: Error): void => {
      // A crashed worker (out of memory…): its repository fails, the others go on, on this thread if no worker is left.
      const index = inFlight.get(worker);
      inFlight.delete(worker);
      const at = this.workers.indexOf(worker);
      if (at < 0) return;
      this.workers.splice(at, 1);
      if (index !== undefined) {
        this.finish(index, this.paths[index]!);
        settle.get(index)?.reject(new Error(`worker failed: ${error.message}`));
      }
      if (this.workers.length > 0) return;
      for (const queued of queue.splice(0)) {
        const handlers = settle.get(queued)!;
        this.results[queued]!.catch(() => undefined);
        scanOne(this.jobs[queued]!, this.options, this.serialCache).then(handlers.resolve, handlers.reject);
      }
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(workerUrl);
      worker.on('message', (message: WorkerMessage) => {
        const path = this.paths[message.id]!;
        if (message.type === 'files') {
          this.report(message.id, path, message.count);
          return;
        }
        inFlight.delete(worker);
        this.finish(message.id, path);
        if (message.type === 'done') settle.get(message.id)?.resolve(message.result);
        else settle.get(message.id)?.reject(message.name === 'ScanInputError' ? new ScanInputError(message.message) : new Error(message.message));
        next(worker);
      });
      worker.on('error', (error) => lost(worker, error));
      worker.on('exit', (code) => lost(worker, new Error(`exited with code ${code}`)));
      this.workers.push(worker);
      next(worker);
    }
  }

  private report(index: number, path: string, files: number): void {
    this.progress.files += files - (this.filesOf.get(index) ?? 0);
    this.filesOf.set(index, files);
    this.progress.current = path;
    this.options.onProgress?.({ ...this.progress });
  }

  private finish(index: number, path: string): void {
    this.progress.done++;
    this.progress.current = path;
    this.options.onProgress?.({ ...this.progress });
  }
}

/** One repository: its scan (from the cache when unchanged), then its history when asked for. */
export async function scanOne(
  job: ScanJob,
  options: Pick<ScanManyOptions, 'detectors' | 'limits' | 'history' | 'settings'> & Pick<ScanRepositoryOptions, 'spareCore' | 'listingOnceUnchanged'>,
  cache: ScanCache | undefined,
  onFilesRead?: (count: number) => void,
): Promise<ScannedWithHistory> {
  // History first: its `git log` runs in its own process while this thread parses the repository.
  let history: Promise<HistoryFacts> | undefined;
  if (options.history !== undefined) {
    const { since, now, mainBranch, config } = options.history;
    const members = platformMembers(config);
    const historyCache = cache ? { fingerprint: `${cache.settings.fingerprint}:${configFingerprint(config)}`, get: (key: string) => cache.getHistory(job.root, key), set: (key: string, value: unknown) => cache.setHistory(job.root, key, value) } : undefined;
    history = readHistoryAsync(job.root, { since, now, ...(members ? { platformMembers: members } : {}), ...(mainBranch ? { mainBranch } : {}), repository: job.label, ...(historyCache ? { cache: historyCache } : {}) });
    history.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  }
  const scanned = await scanRepository(job.root, options.detectors, options.limits, {
    ...(cache ? { cache } : {}),
    ...(onFilesRead ? { onFilesRead } : {}),
    ...(options.spareCore ? { spareCore: true } : {}),
    ...(options.listingOnceUnchanged ? { listingOnceUnchanged: true } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
  });
  if (history === undefined) return scanned;
  // git stopped while it waited on a FIFO (a loose object, a pack…): the files stand, history is unknown.
  const facts = await history.catch((error: unknown) => {
    if (!(error instanceof GitWaitedError)) throw error;
    return { detections: [], unknown: HISTORY_SIGNALS.map((signal) => ({ signal, reason: `${error.message}: history not read` })), absent: [] };
  });
  return { ...scanned, history: { detections: facts.detections, unknown: facts.unknown, absent: facts.absent } };
}

const configFingerprints = new WeakMap<OrgConfig, string>();
/** The configuration decides who is on the platform team: stored history flags depend on it. */
function configFingerprint(config: OrgConfig): string {
  let fingerprint = configFingerprints.get(config);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(JSON.stringify(config)).digest('hex');
    configFingerprints.set(config, fingerprint);
  }
  return fingerprint;
}

function defaultWorkers(repositories: number): number {
  if (repositories < MIN_REPOSITORIES_FOR_WORKERS) return 0;
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, MAX_WORKERS);
}
