import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Below this many repositories, starting workers (each loads every detector and parser) costs more than it saves. */
export const MIN_REPOSITORIES_FOR_WORKERS = 4;
const MAX_WORKERS = 4;

/** Worker threads by default: one per core (up to 4), none on one core or for fewer than MIN_REPOSITORIES_FOR_WORKERS jobs. */
export function defaultWorkerCount(jobs: number): number {
  if (jobs < MIN_REPOSITORIES_FOR_WORKERS) return 0;
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, MAX_WORKERS);
}

/** What a worker's message settles: a job's result or its error; undefined for a message that settles nothing (progress). */
export type Settled<R> = { index: number; result: R } | { index: number; error: Error } | undefined;

/** What the owner of a pool knows about its jobs; the pool knows only their number and order. */
export interface PoolJobs<R> {
  /** The message that sends jobs[index] to a worker (data only). */
  message(index: number): unknown;
  /** Runs jobs[index] on this thread: without workers, or once every worker has failed. */
  runHere(index: number): Promise<R>;
  /** What a worker's message settles. `from` may be told to the others with `broadcast`. */
  settles(message: unknown, from: Worker): Settled<R>;
  /** jobs[index] was started, here or on a worker. */
  onStart?(index: number): void;
  /** jobs[index] is over, whatever the outcome. */
  onSettled?(index: number): void;
  /** A worker was started (a late one first learns what the others found). */
  onWorkerStarted?(worker: Worker): void;
}

export interface PoolOptions {
  /** Worker threads wanted; fewer than two means none. */
  workers: number;
  /** The compiled worker module; when it does not exist (run from TypeScript sources) every job runs on this thread. */
  workerUrl: URL;
  /**
   * Start one worker first and the others once it has settled a job: what the first job shares
   * with the rest (the past of a fork or a clone) is then computed once rather than once per thread.
   */
  staggered?: boolean;
}

/**
 * Jobs run on worker threads when that pays, each result given back in the order asked:
 * `result(i)` is jobs[i]'s whatever order the workers finish in, so reports do not depend on
 * timing. A job that fails rejects its own promise only; a worker that crashes fails its job, and
 * the others go on (on this thread once no worker is left). Without workers a job runs on this
 * thread when its result is first asked for, one at a time, in the order asked.
 */
export class OrderedWorkerPool<R> {
  private readonly results: (Promise<R> | undefined)[];
  private readonly workers: Worker[] = [];

  constructor(
    size: number,
    private readonly jobs: PoolJobs<R>,
    options: PoolOptions,
  ) {
    this.results = new Array<Promise<R> | undefined>(size).fill(undefined);
    const count = Math.min(options.workers, size);
    if (count >= 2 && existsSync(fileURLToPath(options.workerUrl))) this.start(count, options.workerUrl, options.staggered === true);
  }

  result(index: number): Promise<R> {
    let promise = this.results[index];
    if (promise === undefined) {
      this.jobs.onStart?.(index);
      promise = this.jobs.runHere(index).finally(() => this.jobs.onSettled?.(index));
      this.results[index] = promise;
    }
    return promise;
  }

  /** Stops the workers (idempotent). */
  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }

  /** Whether jobs run on worker threads (for tests and the benchmark). */
  get parallel(): boolean {
    return this.workers.length > 0;
  }

  /** Tells every worker but `except` something (what one thread found that the others can reuse). */
  broadcast(message: unknown, except?: Worker): void {
    for (const worker of this.workers) if (worker !== except) worker.postMessage(message);
  }

  private start(count: number, workerUrl: URL, staggered: boolean): void {
    const queue = this.results.map((_, index) => index);
    const settle = new Map<number, { resolve: (r: R) => void; reject: (e: Error) => void }>();
    for (const index of queue) {
      this.results[index] = new Promise<R>((resolve, reject) => settle.set(index, { resolve, reject }));
      this.results[index]!.catch(() => undefined); // handled by whoever awaits result(index)
    }
    const inFlight = new Map<Worker, number>();
    const next = (worker: Worker): void => {
      const index = queue.shift();
      if (index === undefined) return;
      inFlight.set(worker, index);
      this.jobs.onStart?.(index);
      worker.postMessage(this.jobs.message(index));
    };
    const lost = (worker: Worker, error: Error): void => {
      const index = inFlight.get(worker);
      inFlight.delete(worker);
      const at = this.workers.indexOf(worker);
      if (at < 0) return;
      this.workers.splice(at, 1);
      if (index !== undefined) {
        this.jobs.onSettled?.(index);
        settle.get(index)?.reject(new Error(`worker failed: ${error.message}`));
      }
      if (this.workers.length > 0) return;
      for (const queued of queue.splice(0)) {
        const { resolve, reject } = settle.get(queued)!;
        this.jobs.runHere(queued).finally(() => this.jobs.onSettled?.(queued)).then(resolve, reject);
      }
    };
    let others = staggered ? count - 1 : 0;
    const startOne = (): void => {
      const worker = new Worker(workerUrl);
      worker.on('message', (message: unknown) => {
        const settled = this.jobs.settles(message, worker);
        if (settled === undefined) return;
        inFlight.delete(worker);
        this.jobs.onSettled?.(settled.index);
        if ('error' in settled) settle.get(settled.index)?.reject(settled.error);
        else settle.get(settled.index)?.resolve(settled.result);
        for (; others > 0 && queue.length > 0; others--) startOne();
        next(worker);
      });
      worker.on('error', (error) => lost(worker, error));
      worker.on('exit', (code) => lost(worker, new Error(`exited with code ${code}`)));
      this.workers.push(worker);
      this.jobs.onWorkerStarted?.(worker);
      next(worker);
    };
    for (let i = 0; i < (staggered ? 1 : count); i++) startOne();
  }
}
