/**
 * A worker thread of a timeline: reads every point of the repositories the main thread sends, one
 * at a time, and answers with the scans (or the error's message). What the repositories share by
 * content (blob-contents.ts, scans by commit) is kept for the worker's life: the repositories it
 * is given after the first read what they share with earlier ones once.
 */
import { parentPort } from 'node:worker_threads';
import { scanEveryPoint, sharedContent, type RepositoryPointsJob, type RepositoryPoints } from './repository-points.js';

export type TimelineWorkerJob = { id: number; job: RepositoryPointsJob };
export type TimelineWorkerMessage = { id: number; type: 'done'; result: RepositoryPoints } | { id: number; type: 'failed'; message: string };

const shared = sharedContent();

parentPort?.on('message', ({ id, job }: TimelineWorkerJob) => {
  const post = (message: TimelineWorkerMessage): void => parentPort!.postMessage(message);
  scanEveryPoint(job, shared).then(
    (result) => post({ id, type: 'done', result }),
    (error: unknown) => post({ id, type: 'failed', message: (error as Error).message ?? String(error) }),
  );
});
