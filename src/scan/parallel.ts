import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
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
import { defaultWorkerCount, MIN_REPOSITORIES_FOR_WORKERS, OrderedWorkerPool, type Settled } from './ordered-worker-pool.js';

export { MIN_REPOSITORIES_FOR_WORKERS } from './ordered-worker-pool.js';

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
 * Scans many repositories, on worker threads when that pays (ordered-worker-pool.ts), and gives
 * each result back in the order asked: `result(i)` is the scan of `paths[i]` whatever order the
 * workers finish in, so reports do not depend on timing. A repository that cannot be scanned
 * rejects its own promise only.
 */
export class RepositoryScans {
  private readonly pool: OrderedWorkerPool<ScannedWithHistory>;
  private readonly progress: ScanProgress;
  private readonly filesOf = new Map<number, number>();
  private readonly serialCache: ScanCache | undefined;

  constructor(
    private readonly jobs: readonly ScanJob[],
    private readonly options: ScanManyOptions,
  ) {
    this.progress = { done: 0, total: jobs.length, files: 0, current: '' };
    this.serialCache = options.cache ? new ScanCache(options.cache) : undefined;
    // Workers load the registry themselves, so a chosen subset of detectors is scanned here.
    const workers = options.detectors === 'all' || options.signalFiles !== undefined ? (options.workers ?? defaultWorkerCount(jobs.length)) : 0;
    const workerUrl = options.workerUrl ?? new URL('./scan-worker.js', import.meta.url);
    this.pool = new OrderedWorkerPool<ScannedWithHistory>(
      jobs.length,
      {
        message: (index) => this.workerJob(index),
        runHere: (index) => this.scanHere(index),
        settles: (message) => this.settles(message as WorkerMessage),
        onStart: (index) => this.report(index, 0),
        onSettled: (index) => this.finish(index),
      },
      { workers, workerUrl },
    );
  }

  /** The scan of paths[index]; on the serial path it starts now. */
  result(index: number): Promise<ScannedWithHistory> {
    return this.pool.result(index);
  }

  /** Stops the workers (idempotent). */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** Whether the scans run on worker threads (for tests and the benchmark). */
  get parallel(): boolean {
    return this.pool.parallel;
  }

  private scanHere(index: number): Promise<ScannedWithHistory> {
    // Scanned on this thread, one repository at a time: git and this thread each have a core when
    // there are two. A few repositories are what someone waits on: their listing is kept only once
    // unchanged. A whole organization here (one core) keeps it at once, as on worker threads.
    const listingOnceUnchanged = this.jobs.length < MIN_REPOSITORIES_FOR_WORKERS;
    const options = { ...this.options, spareCore: availableParallelism() >= 2, listingOnceUnchanged };
    return scanOne(this.jobs[index]!, options, this.serialCache, (count) => this.report(index, count));
  }

  private workerJob(index: number): WorkerJob {
    return {
      id: index,
      job: this.jobs[index]!,
      limits: this.options.limits,
      ...(this.options.settings ? { settings: this.options.settings } : {}),
      ...(this.options.cache ? { cache: this.options.cache } : {}),
      ...(this.options.history ? { history: this.options.history } : {}),
      ...(this.options.signalFiles ? { signalFiles: this.options.signalFiles } : {}),
    };
  }

  private settles(message: WorkerMessage): Settled<ScannedWithHistory> {
    if (message.type === 'files') {
      this.report(message.id, message.count);
      return undefined;
    }
    if (message.type === 'done') return { index: message.id, result: message.result };
    return { index: message.id, error: message.name === 'ScanInputError' ? new ScanInputError(message.message) : new Error(message.message) };
  }

  private report(index: number, files: number): void {
    this.progress.files += files - (this.filesOf.get(index) ?? 0);
    this.filesOf.set(index, files);
    this.progress.current = this.jobs[index]!.root;
    this.options.onProgress?.({ ...this.progress });
  }

  private finish(index: number): void {
    this.progress.done++;
    this.progress.current = this.jobs[index]!.root;
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
