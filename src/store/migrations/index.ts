import type { Kysely } from 'kysely';
import { initialSchema } from './0001-initial.js';
import { shardResults } from './0002-shard-results.js';
import { shardRuns } from './0004-shard-runs.js';

export type Engine = 'sqlite' | 'postgres';

/**
 * A step of the store's schema. Forward only: a released migration is never edited or removed;
 * a change is a new migration with the next version. Each runs inside the same transaction as the
 * row that records it, so a store is at version N whole or at N-1 whole.
 */
export interface Migration {
  version: number;
  name: string;
   
  up(db: Kysely<any>, engine: Engine): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [initialSchema, shardResults, shardRuns];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
