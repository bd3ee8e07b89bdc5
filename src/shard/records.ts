import { gunzipSync, gzipSync } from 'node:zlib';
import type { ScanWarning } from '../core/types.js';
import type { RecordedRepository } from '../scan/organization.js';
import { writeTransaction, type Store } from '../store/open.js';
import type { Shard } from './assign.js';

/**
 * What shards write and `merge` reads: one `shard_runs` row per shard of a run (started, planned,
 * finished) and one `shard_results` row per repository, keyed by (run, repository). A shard that
 * starts again first deletes its own rows, and each repository's row is an upsert: a shard killed
 * half-way and run again leaves exactly one row per repository.
 */

/** A repository's record: its part of the organization scan, plus the commit it was scanned at. */
export interface ShardEntry extends RecordedRepository {
  commit?: string;
}

export interface ShardRunRow {
  index: number;
  count: number;
  startedAt: string;
  finishedAt?: string;
  planned?: number;
  recorded?: number;
  toolVersion?: string;
  configHash?: string;
  host?: string;
  warnings: ScanWarning[];
}

export interface ShardIdentity {
  toolVersion: string;
  configHash?: string;
  host?: string;
}

/** A shard starts (or starts again): its earlier rows for this run are gone, its status is "started". */
export async function beginShard(store: Store, run: string, shard: Shard, who: ShardIdentity, now = new Date()): Promise<void> {
  await writeTransaction(store, async (trx) => {
    await trx.deleteFrom('shard_results').where('run_id', '=', run).where('shard_index', '=', shard.index).execute();
    await trx.deleteFrom('shard_runs').where('run_id', '=', run).where('shard_index', '=', shard.index).execute();
    await trx
      .insertInto('shard_runs')
      .values({
        run_id: run,
        shard_index: shard.index,
        shard_count: shard.count,
        started_at: now.toISOString(),
        finished_at: null,
        planned: null,
        recorded: null,
        tool_version: who.toolVersion,
        config_hash: who.configHash ?? null,
        host: who.host ?? null,
        warnings: null,
      })
      .execute();
  });
}

/** The shard knows its repositories (listed, cloned): how many, and the warnings met on the way. */
export async function planShard(store: Store, run: string, shard: Shard, planned: number, warnings: readonly ScanWarning[]): Promise<void> {
  await writeTransaction(store, (trx) =>
    trx.updateTable('shard_runs').set({ planned, warnings: JSON.stringify(warnings) }).where('run_id', '=', run).where('shard_index', '=', shard.index).execute(),
  );
}

/** One repository's result, as it finishes: inserted, or replacing the row of an earlier attempt. */
export async function recordEntry(store: Store, run: string, shard: Shard, entry: ShardEntry, now = new Date()): Promise<void> {
  const row = { shard_index: shard.index, shard_count: shard.count, recorded_at: now.toISOString(), result_gzip: gzipSync(JSON.stringify(entry)) };
  await writeTransaction(store, (trx) =>
    trx
      .insertInto('shard_results')
      .values({ run_id: run, repository: entry.path, ...row })
      .onConflict((oc) => oc.columns(['run_id', 'repository']).doUpdateSet(row))
      .execute(),
  );
}

/** The shard is done: every repository it owns has its row. */
export async function finishShard(store: Store, run: string, shard: Shard, recorded: number, now = new Date()): Promise<void> {
  await writeTransaction(store, (trx) =>
    trx.updateTable('shard_runs').set({ finished_at: now.toISOString(), recorded }).where('run_id', '=', run).where('shard_index', '=', shard.index).execute(),
  );
}

export async function shardRuns(store: Store, run: string): Promise<ShardRunRow[]> {
  const rows = await store.db.selectFrom('shard_runs').selectAll().where('run_id', '=', run).orderBy('shard_index').execute();
  return rows.map((r) => ({
    index: Number(r.shard_index),
    count: Number(r.shard_count),
    startedAt: r.started_at,
    ...(r.finished_at !== null ? { finishedAt: r.finished_at } : {}),
    ...(r.planned !== null ? { planned: Number(r.planned) } : {}),
    ...(r.recorded !== null ? { recorded: Number(r.recorded) } : {}),
    ...(r.tool_version !== null ? { toolVersion: r.tool_version } : {}),
    ...(r.config_hash !== null ? { configHash: r.config_hash } : {}),
    ...(r.host !== null ? { host: r.host } : {}),
    warnings: r.warnings ? (JSON.parse(r.warnings) as ScanWarning[]) : [],
  }));
}

/** Every repository recorded under the run, in the order of the whole plan (as one process lists them). */
export async function shardEntries(store: Store, run: string): Promise<{ entries: ShardEntry[]; lastRecordedAt: string }> {
  const rows = await store.db.selectFrom('shard_results').select(['repository', 'recorded_at', 'result_gzip']).where('run_id', '=', run).execute();
  const entries = rows.map((r) => JSON.parse(gunzipSync(r.result_gzip).toString('utf8')) as ShardEntry);
  entries.sort((a, b) => a.position - b.position || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const lastRecordedAt = rows.reduce((latest, r) => (r.recorded_at > latest ? r.recorded_at : latest), '');
  return { entries, lastRecordedAt };
}
