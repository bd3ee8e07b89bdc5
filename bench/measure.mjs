// Timing shared by the benchmarks: a whole process, run `runs` times, the best kept.
import { spawnSync } from 'node:child_process';

/**
 * Runs a command under /usr/bin/time; returns the best wall time, its peak RSS, its CPU time (user
 * and system, children included: git) and its stdout. CPU time says what a run cost when other
 * jobs share the machine and stretch the wall time.
 * `before` runs untimed before each run; an exit status outside `okStatus` is an error.
 */
export function measure(args, { cwd, env, before, runs = 3, okStatus = [0, 1] } = {}) {
  let best;
  for (let i = 0; i < runs; i++) {
    before?.();
    const started = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!okStatus.includes(result.status)) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
    const [rssKb, user, system] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
    if (!best || ms < best.ms) best = { ms, rssMb: rssKb / 1024, cpuS: user + system, stdout: result.stdout };
  }
  return best;
}
