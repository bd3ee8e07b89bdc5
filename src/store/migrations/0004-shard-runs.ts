import type { Kysely } from 'kysely';
import type { Engine, Migration } from './migration.js';

/**
 * Sharded scans: one row per shard of a run, so that `merge` can tell a shard that finished from
 * one still running, one killed half-way and one that never started. A shard that runs again
 * replaces its row (and its results, in shard_results). Numbered 4 so that it never clashes with
 * the store's own next step (3).
 */
export const shardRuns: Migration = {
  version: 4,
  name: 'shard runs: started, planned, finished',

  async up(db: Kysely<any>, _engine: Engine) {
    await db.schema
      .createTable('shard_runs')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('shard_index', 'integer', (c) => c.notNull())
      .addColumn('shard_count', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      /** Repositories assigned to the shard (known once it has listed them), and recorded so far at its end. */
      .addColumn('planned', 'integer')
      .addColumn('recorded', 'integer')
      .addColumn('tool_version', 'text')
      .addColumn('config_hash', 'text')
      .addColumn('host', 'text')
      /** JSON: the warnings met while listing and cloning the shard's repositories. */
      .addColumn('warnings', 'text')
      .addPrimaryKeyConstraint('shard_runs_pk', ['run_id', 'shard_index'])
      .execute();
  },
};
