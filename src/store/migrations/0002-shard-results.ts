import type { Kysely } from 'kysely';
import { blobType, type Engine, type Migration } from './migration.js';

/**
 * Sharded scans (`scan --shard I/N --run ID`): each shard records each repository's result under
 * the run id as it finishes; a shard that runs again replaces its rows (the primary key), and
 * `merge` reads them all back to evaluate the organization once.
 */
export const shardResults: Migration = {
  version: 2,
  name: 'shard results per run and repository',
   
  async up(db: Kysely<any>, engine: Engine) {
    await db.schema
      .createTable('shard_results')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('repository', 'text', (c) => c.notNull())
      .addColumn('shard_index', 'integer', (c) => c.notNull())
      .addColumn('shard_count', 'integer', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('result_gzip', blobType(engine), (c) => c.notNull())
      .addPrimaryKeyConstraint('shard_results_pk', ['run_id', 'repository'])
      .execute();
  },
};
