import { createHash } from 'node:crypto';

/**
 * Which shard scans which repository. The assignment depends only on the repository's identity
 * (its web address or git URL without credentials, else its path as given) and the number of
 * shards: the same repository lands in the same shard of N on every machine and every retry,
 * whatever order the forge lists repositories in.
 */

export interface Shard {
  /** 0-based, below count. */
  index: number;
  count: number;
}

/** Kubernetes sets it in each pod of an Indexed Job (completionMode: Indexed). */
export const COMPLETION_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';

export class ShardUsageError extends Error {
  override name = 'ScanInputError';
}

/** `I/N` (0 ≤ I < N) or `auto/N` (I from JOB_COMPLETION_INDEX). */
export function parseShard(value: string, env: NodeJS.ProcessEnv = process.env): Shard {
  const match = /^(auto|\d+)\/(\d+)$/.exec(value.trim());
  if (!match) throw new ShardUsageError(`--shard ${JSON.stringify(value)}: write I/N (e.g. 2/8, counted from 0) or auto/N (the index from ${COMPLETION_INDEX_VARIABLE})`);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1 || count > 10_000) throw new ShardUsageError(`--shard ${value}: the number of shards must be 1 to 10000`);
  let index: number;
  if (match[1] === 'auto') {
    const raw = env[COMPLETION_INDEX_VARIABLE];
    if (raw === undefined || !/^\d+$/.test(raw.trim())) {
      throw new ShardUsageError(`--shard auto/${count}: ${COMPLETION_INDEX_VARIABLE} is ${raw === undefined ? 'not set' : `not a number (${JSON.stringify(raw)})`}; it is set in the pods of a Kubernetes Job with completionMode: Indexed, else give the index (I/${count})`);
    }
    index = Number(raw.trim());
  } else index = Number(match[1]);
  if (index >= count) throw new ShardUsageError(`--shard ${match[1] === 'auto' ? `auto/${count} (${COMPLETION_INDEX_VARIABLE}=${index})` : value}: the index counts from 0 and must be below ${count}`);
  return { index, count };
}

/** A run id names one sharded scan in the store: letters, digits, `.`, `_`, `-`, up to 128. */
export function checkRunId(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(value)) {
    throw new ShardUsageError(`--run ${JSON.stringify(value)}: a run id is 1 to 128 letters, digits, ".", "_" or "-" (e.g. the Job's name, or nightly-2026-12-07)`);
  }
  return value;
}

/** The shard of N that owns the repository of this identity: the first 8 bytes of its SHA-256, modulo N. */
export function shardOf(identity: string, count: number): number {
  const digest = createHash('sha256').update(identity).digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(count));
}

export function owns(shard: Shard): (identity: string) => boolean {
  return (identity) => shardOf(identity, shard.count) === shard.index;
}

/** `2/8` as people read it in messages. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
