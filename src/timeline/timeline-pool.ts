import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MIN_REPOSITORIES_FOR_WORKERS } from '../scan/parallel.js';
import { scanEveryPoint, sharedContent, type RepositoryPoints, type RepositoryPointsJob, type SharedContent } from './repository-points.js';
import type { TimelineWorkerJob, TimelineWorkerMessage } from './timeline-worker.js';
import type { CachedScan } from '../cache/scan-cache.js';

const MAX_WORKERS = 4;

export interface TimelinePoolOptions {
  /** Worker threads; default one per core (up to 4), none on one core or for fewer than 4 repositories. */
  workers?: number;
  /** The compiled worker module; tests point it at dist/. Default: timeline-worker.js beside this module. */
  workerUrl?: URL;
  /** A repository was started (its place in the plan). */
  onStart?: (index: number) => void;
}

/**
 * Every point of many repositories, on worker threads when that pays (as an organization scan
 * does), each repository on one thread so that its points share their parses. `result(i)` is
 * the repository of jobs[i], whatever order they finish in; one that fails rejects its own promise only.
 */
export class TimelinePool {
  private readonly results: (Promise<RepositoryPoints> | undefined)[];
  private readonly workers: Worker[] = [];
  private shared: SharedContent | undefined;

  constructor(
    private readonly jobs: readonly RepositoryPointsJob[],
    private readonly options: TimelinePoolOptions = {},
  ) {
    this.results = new Array<Promise<RepositoryPoints> | undefined>(jobs.length).fill(undefined);
    const count = Math.min(options.workers ?? defaultWorkers(jobs.length), jobs.length);
    const workerUrl = options.workerUrl ?? new URL('./timeline-worker.js', import.meta.url);
    // Run from TypeScript sources (tests) there is no compiled worker: every repository on this thread.
    if (count >= 2 && existsSync(fileURLToPath(workerUrl))) this.startWorkers(count, workerUrl);
  }

  result(index: number): Promise<RepositoryPoints> {
    let promise = this.results[index];
    if (promise === undefined) {
      // On this thread: one repository at a time, in plan order (its `git log` runs in its own process meanwhile).
      this.options.onStart?.(index);
      promise = scanEveryPoint(this.jobs[index]!, (this.shared ??= sharedContent()));
      this.results[index] = promise;
    }
    return promise;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }

  private startWorkers(count: number, workerUrl: URL): void {
    const queue = this.jobs.map((_, index) => index);
    const settle = new Map<number, { resolve: (r: RepositoryPoints) => void; reject: (e: Error) => void }>();
    for (const index of queue) {
      this.results[index] = new Promise<RepositoryPoints>((resolve, reject) => settle.set(index, { resolve, reject }));
      this.results[index]!.catch(() => undefined); // handled by whoever awaits result(index)
    }
    const inFlight = new Map<Worker, number>();
    const next = (worker: Worker): void => {
      const index = queue.shift();
      if (index === undefined) return;
      inFlight.set(worker, index);
      this.options.onStart?.(index);
      worker.postMessage({ type: 'job', id: index, job: this.jobs[index]! } satisfies TimelineWorkerJob);
    };
    // Commits one thread scanned are told to the others, so that a fork or clone read on another
    // thread is not scanned again there (its blobs still are parsed once per thread).
    const known = new Set<string>();
    const told: { commit: string; scan: CachedScan }[] = [];
    const tell = (from: Worker, result: RepositoryPoints): void => {
      const scans: { commit: string; scan: CachedScan }[] = [];
      for (const point of result.scans) {
        if (point === undefined || known.has(point.commit)) continue;
        known.add(point.commit);
        const { kind, kindReason, detections, warnings, files } = point.result;
        scans.push({ commit: point.commit, scan: { kind, kindReason: kindReason ?? '', detections, warnings, files } });
      }
      if (scans.length === 0) return;
      told.push(...scans);
      for (const worker of this.workers) if (worker !== from) worker.postMessage({ type: 'known', scans } satisfies TimelineWorkerJob);
    };
    const lost = (worker: Worker, error: Error): void => {
      // A crashed worker (out of memory…): its repository fails, the others go on, on this thread if no worker is left.
      const index = inFlight.get(worker);
      inFlight.delete(worker);
      const at = this.workers.indexOf(worker);
      if (at < 0) return;
      this.workers.splice(at, 1);
      if (index !== undefined) settle.get(index)?.reject(new Error(`worker failed: ${error.message}`));
      if (this.workers.length > 0) return;
      for (const queued of queue.splice(0)) {
        const handlers = settle.get(queued)!;
        scanEveryPoint(this.jobs[queued]!, (this.shared ??= sharedContent())).then(handlers.resolve, handlers.reject);
      }
    };
    // The other threads start once the first repository is read: what it shares with the others (the
    // past of a fork or a clone) is then scanned once rather than once per thread at the same time.
    // Unrelated repositories lose one repository's time of the second core.
    let others = count - 1;
    const start = (): void => {
      const worker = new Worker(workerUrl);
      worker.on('message', (message: TimelineWorkerMessage) => {
        inFlight.delete(worker);
        if (message.type === 'done') {
          tell(worker, message.result);
          settle.get(message.id)?.resolve(message.result);
        } else settle.get(message.id)?.reject(new Error(message.message));
        for (; others > 0 && queue.length > 0; others--) start();
        next(worker);
      });
      worker.on('error', (error) => lost(worker, error));
      worker.on('exit', (code) => lost(worker, new Error(`exited with code ${code}`)));
      this.workers.push(worker);
      // A thread started late first learns what the others scanned so far.
      if (told.length > 0) worker.postMessage({ type: 'known', scans: told } satisfies TimelineWorkerJob);
      next(worker);
    };
    start();
  }
}

function defaultWorkers(repositories: number): number {
  if (repositories < MIN_REPOSITORIES_FOR_WORKERS) return 0;
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, MAX_WORKERS);
}
