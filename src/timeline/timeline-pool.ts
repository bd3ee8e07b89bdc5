import type { Worker } from 'node:worker_threads';
import { defaultWorkerCount, OrderedWorkerPool, type Settled } from '../scan/ordered-worker-pool.js';
import { scanEveryPoint, sharedContent, type RepositoryPoints, type RepositoryPointsJob, type SharedContent } from './repository-points.js';
import type { TimelineWorkerJob, TimelineWorkerMessage } from './timeline-worker.js';
import type { CachedScan } from '../cache/scan-cache.js';

export interface TimelinePoolOptions {
  /** Worker threads; default one per core (up to 4), none on one core or for fewer than 4 repositories. */
  workers?: number;
  /** The compiled worker module; tests point it at dist/. Default: timeline-worker.js beside this module. */
  workerUrl?: URL;
  /** A repository was started (its place in the plan). */
  onStart?: (index: number) => void;
}

/**
 * Every point of many repositories, on worker threads when that pays (ordered-worker-pool.ts, as
 * an organization scan does), each repository on one thread so that its points share their
 * parses. `result(i)` is the repository of jobs[i], whatever order they finish in.
 */
export class TimelinePool {
  private readonly pool: OrderedWorkerPool<RepositoryPoints>;
  private shared: SharedContent | undefined;
  /** Commits one thread scanned, told to the others so that a fork or clone read on another thread is not scanned again there. */
  private readonly known = new Set<string>();
  private readonly told: { commit: string; scan: CachedScan }[] = [];

  constructor(
    private readonly jobs: readonly RepositoryPointsJob[],
    options: TimelinePoolOptions = {},
  ) {
    this.pool = new OrderedWorkerPool<RepositoryPoints>(
      jobs.length,
      {
        message: (index) => ({ type: 'job', id: index, job: jobs[index]! }) satisfies TimelineWorkerJob,
        // On this thread: one repository at a time, in plan order (its `git log` runs in its own process meanwhile).
        runHere: (index) => scanEveryPoint(jobs[index]!, (this.shared ??= sharedContent())),
        settles: (message, from) => this.settles(message as TimelineWorkerMessage, from),
        ...(options.onStart ? { onStart: options.onStart } : {}),
        // A thread started late first learns what the others scanned so far.
        onWorkerStarted: (worker) => {
          if (this.told.length > 0) worker.postMessage({ type: 'known', scans: this.told } satisfies TimelineWorkerJob);
        },
      },
      // The other threads start once the first repository is read: what it shares with the others
      // (the past of a fork or a clone) is then scanned once. Unrelated repositories lose one
      // repository's time of the second core.
      {
        workers: options.workers ?? defaultWorkerCount(jobs.length),
        workerUrl: options.workerUrl ?? new URL('./timeline-worker.js', import.meta.url),
        staggered: true,
      },
    );
  }

  result(index: number): Promise<RepositoryPoints> {
    return this.pool.result(index);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private settles(message: TimelineWorkerMessage, from: Worker): Settled<RepositoryPoints> {
    if (message.type === 'failed') return { index: message.id, error: new Error(message.message) };
    this.tell(from, message.result);
    return { index: message.id, result: message.result };
  }

  private tell(from: Worker, result: RepositoryPoints): void {
    const scans: { commit: string; scan: CachedScan }[] = [];
    for (const point of result.scans) {
      if (point === undefined || this.known.has(point.commit)) continue;
      this.known.add(point.commit);
      const { kind, kindReason, detections, warnings, files, kubernetesInInfrastructure } = point.result;
      const scan: CachedScan = { kind, kindReason: kindReason ?? '', detections, warnings, files };
      scans.push({ commit: point.commit, scan: kubernetesInInfrastructure ? { ...scan, kubernetesInInfrastructure } : scan });
    }
    if (scans.length === 0) return;
    this.told.push(...scans);
    this.pool.broadcast({ type: 'known', scans } satisfies TimelineWorkerJob, from);
  }
}
