import { initialSchema } from './0001-initial.js';
import { shardResults } from './0002-shard-results.js';
import { contentAddressedReports } from './0003-content-addressed.js';
import { shardRuns } from './0004-shard-runs.js';
import type { Migration } from './migration.js';

export type { Engine, Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [initialSchema, shardResults, contentAddressedReports, shardRuns];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
