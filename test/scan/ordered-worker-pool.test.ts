import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderedWorkerPool, type PoolJobs } from '../../src/scan/ordered-worker-pool.js';

/**
 * The pool behind organization scans and timelines, with real worker threads: a worker that
 * squares numbers, answers the later jobs first, fails job 3 and dies on job 5.
 */
const dir = mkdtempSync(join(tmpdir(), 'k8sm-pool-'));
const WORKER = join(dir, 'square-worker.mjs');
writeFileSync(
  WORKER,
  `import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, n }) => {
  if (n === 5) process.exit(7);
  setTimeout(() => parentPort.postMessage(n === 3 ? { id, error: 'three is refused' } : { id, square: n * n }), (10 - n) * 5);
});
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function squares(numbers: number[], workers: number, staggered = false) {
  const started: number[] = [];
  const settled: number[] = [];
  const here: number[] = [];
  const jobs: PoolJobs<number> = {
    message: (index) => ({ id: index, n: numbers[index] }),
    runHere: async (index) => {
      here.push(index);
      return numbers[index]! * numbers[index]!;
    },
    settles: (message) => {
      const { id, square, error } = message as { id: number; square?: number; error?: string };
      return error !== undefined ? { index: id, error: new Error(error) } : { index: id, result: square! };
    },
    onStart: (index) => started.push(index),
    onSettled: (index) => settled.push(index),
  };
  const pool = new OrderedWorkerPool(numbers.length, jobs, { workers, workerUrl: pathToFileURL(WORKER), staggered });
  return { pool, started, settled, here };
}

describe('the ordered worker pool', () => {
  it('gives each job its own result in the order asked, on worker threads, whatever order they finish in', async () => {
    const { pool, started, settled, here } = squares([1, 2, 4, 6, 7], 2);
    expect(pool.parallel).toBe(true);
    try {
      const results = await Promise.all([0, 1, 2, 3, 4].map((i) => pool.result(i)));
      expect(results).toEqual([1, 4, 16, 36, 49]);
      expect(here).toEqual([]);
      expect(started.sort()).toEqual([0, 1, 2, 3, 4]);
      expect(settled.sort()).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await pool.close();
    }
  });

  it('rejects a failed job alone, and a worker that dies fails its job while the others go on', async () => {
    const { pool } = squares([3, 5, 2, 4, 6, 8], 2, true);
    try {
      const outcomes = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => pool.result(i)));
      expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { message: 'three is refused' } });
      expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/^worker failed: exited with code 7/) } });
      expect(outcomes.slice(2).map((o) => (o.status === 'fulfilled' ? o.value : o.reason))).toEqual([4, 16, 36, 64]);
    } finally {
      await pool.close();
    }
  });

  it('runs every job on this thread, one at a time when asked, without workers', async () => {
    const { pool, here } = squares([2, 3], 0);
    expect(pool.parallel).toBe(false);
    expect(await pool.result(1)).toBe(9);
    expect(here).toEqual([1]);
    expect(await pool.result(0)).toBe(4);
    expect(here).toEqual([1, 0]);
  });
});
