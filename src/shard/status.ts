import type { ScanWarning } from '../core/types.js';
import type { ShardRunRow } from './records.js';

/**
 * Whether a run's shards are all done, read from their `shard_runs` rows: which are missing and
 * why, in words an operator can act on (a shard never started, or started and never finished:
 * still running, or killed and to be run again).
 */

export interface RunStatus {
  /** Known from any shard that started; undefined when none has. */
  count?: number;
  missing: { index?: number; reason: string }[];
  /** A run that cannot be merged at all (shards disagree on their number). */
  problem?: string;
}

export function runStatus(run: string, rows: readonly ShardRunRow[]): RunStatus {
  if (rows.length === 0) return { missing: [{ reason: `no shard of run ${run} has started` }] };
  const counts = [...new Set(rows.map((r) => r.count))];
  if (counts.length > 1) return { missing: [], problem: `the shards of run ${run} disagree on their number (${counts.join(' and ')}): run every shard with the same --shard I/N, or use a new run id` };
  const count = counts[0]!;
  const missing: RunStatus['missing'] = [];
  for (let index = 0; index < count; index++) {
    const row = rows.find((r) => r.index === index);
    if (row === undefined) missing.push({ index, reason: `shard ${index}/${count} never started` });
    else if (row.finishedAt === undefined) {
      const progress = row.planned !== undefined ? ` with ${row.planned} repositories to scan` : '';
      missing.push({ index, reason: `shard ${index}/${count} started at ${row.startedAt}${row.host ? ` on ${row.host}` : ''}${progress} and has not finished (still running, or stopped: run it again)` });
    }
  }
  return { count, missing };
}

/**
 * The warnings the shards met listing and cloning their repositories, once each: a warning about
 * the configuration is met by every shard alike.
 */
export function shardWarnings(rows: readonly ShardRunRow[]): ScanWarning[] {
  const seen = new Set<string>();
  const warnings: ScanWarning[] = [];
  for (const row of [...rows].sort((a, b) => a.index - b.index)) {
    for (const warning of row.warnings) {
      const key = JSON.stringify([warning.repository, warning.file, warning.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      warnings.push(warning);
    }
  }
  return warnings;
}

/** `--wait 10m`: seconds, minutes or hours. */
export function parseWait(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(value.trim());
  if (!match) throw Object.assign(new Error(`--wait ${JSON.stringify(value)}: write a duration such as 90s, 10m or 2h`), { name: 'ScanInputError' });
  return Number(match[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as 's' | 'm' | 'h'];
}
