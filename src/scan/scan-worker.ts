/**
 * A worker thread of the organization scan: scans the repositories the main thread sends, one at a
 * time, and answers with the result (or the error's message). Detectors and parsers are loaded
 * on the first repository the cache cannot answer for, once per worker.
 */
import { parentPort } from 'node:worker_threads';
import { ScanCache, type ScanCacheSettings } from '../cache/scan-cache.js';
import { scanOne } from './parallel.js';
import type { WorkerJob, WorkerMessage } from './worker-messages.js';
import { detectorsFor } from './detectors-for.js';

const caches = new Map<string, ScanCache>();
function cacheFor(settings: ScanCacheSettings | undefined): ScanCache | undefined {
  if (settings === undefined) return undefined;
  const key = `${settings.dir}\0${settings.fingerprint}`;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new ScanCache(settings)));
  return cache;
}

parentPort?.on('message', (job: WorkerJob) => {
  const post = (message: WorkerMessage): void => parentPort!.postMessage(message);
  const cache = cacheFor(job.cache);
  const chosen = detectorsFor(job.signalFiles);
  Promise.resolve(chosen)
    .then((detectors) => scanOne(job.job, { detectors, limits: job.limits, ...(job.settings ? { settings: job.settings } : {}), ...(job.history ? { history: job.history } : {}) }, cache, (count) => post({ id: job.id, type: 'files', count })))
    .then(
    (result) => post({ id: job.id, type: 'done', result }),
    (error: unknown) => post({ id: job.id, type: 'failed', name: (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) }),
  );
});
