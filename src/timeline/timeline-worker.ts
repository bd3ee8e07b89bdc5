/**
 * A worker thread of a timeline: reads every point of the repositories the main thread sends, one
 * at a time, and answers with the scans (or the error's message). What the repositories share by
 * content (blob-contents.ts, scans by commit) is kept for the worker's life: the repositories it
 * is given after the first read what they share with earlier ones once, and the main thread tells
 * it the commits other threads scanned.
 */
import { parentPort } from 'node:worker_threads';
import type { CachedScan } from '../cache/scan-cache.js';
import { scanEveryPoint, sharedContent, type RepositoryPointsJob, type RepositoryPoints } from './repository-points.js';

/** A repository to read, or commits another thread has scanned already (known to every thread, read once). */
export type TimelineWorkerJob = { type: 'job'; id: number; job: RepositoryPointsJob } | { type: 'known'; scans: { commit: string; scan: CachedScan }[] };
export type TimelineWorkerMessage = { id: number; type: 'done'; result: RepositoryPoints } | { id: number; type: 'failed'; message: string };

const shared = sharedContent();

parentPort?.on('message', (message: TimelineWorkerJob) => {
  if (message.type === 'known') {
    for (const { commit, scan } of message.scans) if (!shared.byCommit.has(commit)) shared.byCommit.set(commit, scan);
    return;
  }
  const { id, job } = message;
  const post = (answer: TimelineWorkerMessage): void => parentPort!.postMessage(answer);
  scanEveryPoint(job, shared).then(
    (result) => post({ id, type: 'done', result }),
    (error: unknown) => post({ id, type: 'failed', message: (error as Error).message ?? String(error) }),
  );
});
