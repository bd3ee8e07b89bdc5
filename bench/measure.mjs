// Timing shared by the benchmarks: a whole process, run `runs` times, the best kept.
import { spawnSync } from 'node:child_process';

/**
 * Runs a command under /usr/bin/time; returns the best wall time, its peak RSS and its stdout.
 * `before` runs untimed before each run; an exit status outside `okStatus` is an error.
 */
export function measure(args, { cwd, env, before, runs = 3, okStatus = [0, 1] } = {}) {
  let best;
  for (let i = 0; i < runs; i++) {
    before?.();
    const started = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!okStatus.includes(result.status)) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
    const rssKb = Number(result.stderr.trim().split('\n').pop());
    if (!best || ms < best.ms) best = { ms, rssMb: rssKb / 1024, stdout: result.stdout };
  }
  return best;
}
