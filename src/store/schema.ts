/**
 * The store's tables as Kysely sees them (docs/store.md explains each). One set of names for both
 * engines: times are ISO 8601 UTC text (they sort as text on SQLite and PostgreSQL alike),
 * booleans are 0/1 integers, the compressed report is a blob (bytea on PostgreSQL).
 */

export interface AssessmentsTable {
  id: string;
  /** When the scan started (for `backfilled`, the past point it reconstructs). */
  at: string;
  duration_ms: number | null;
  recorded_at: string;
  kind: 'scan' | 'backfilled' | 'merged';
  organization: string;
  stage: number;
  stage_provisional: number;
  tool_version: string | null;
  model_name: string | null;
  model_version: number | null;
  model_hash: string | null;
  config_hash: string | null;
  /** Sharded scans: the run the shards belong to (`--run ID`); null for a single-process scan. */
  run_id: string | null;
  ran_by_user: string | null;
  ran_by_host: string | null;
  ci_system: string | null;
  ci_run_id: string | null;
  ci_url: string | null;
  repository_count: number;
  team_count: number;
  cluster_count: number;
  warning_count: number;
  detection_count: number;
  /** The whole JSON report (schemaVersion 1), gzip-compressed; today's reporters can render it again. */
  report_gzip: Uint8Array;
  report_bytes: number;
}

export interface SourcesTable {
  assessment_id: string;
  position: number;
  kind: 'repository' | 'cluster';
  name: string;
  commit: string | null;
}

export interface TeamStagesTable {
  assessment_id: string;
  team: string;
  stage: number;
  repository_count: number;
}

export interface RepositoryStagesTable {
  assessment_id: string;
  repository: string;
  kind: string;
  stage: number;
  team: string | null;
}

export interface CapabilityStatusesTable {
  assessment_id: string;
  /** `organization`, `team:NAME` or `repository:PATH`. */
  scope: string;
  capability: string;
  stage: number;
  status: 'met' | 'partial' | 'missing' | 'unknown';
  covered: number | null;
  total: number | null;
}

export interface DetectionsTable {
  assessment_id: string;
  /** `repository:PATH` or `cluster:NAME`. */
  source: string;
  signal: string;
  evidence_count: number;
  /** JSON array of the evidence (at most STORED_EVIDENCE items; the report keeps the rest). */
  evidence: string;
}

export interface WarningsTable {
  assessment_id: string;
  position: number;
  repository: string | null;
  file: string;
  message: string;
}

/** Sharded scans: one row per repository per run, replaced when its shard runs again. */
export interface ShardResultsTable {
  run_id: string;
  repository: string;
  shard_index: number;
  shard_count: number;
  recorded_at: string;
  /** The repository's part of the assessment as JSON, gzip-compressed. */
  result_gzip: Uint8Array;
}

/** Sharded scans: one row per shard of a run (migration 0004). */
export interface ShardRunsTable {
  run_id: string;
  shard_index: number;
  shard_count: number;
  started_at: string;
  finished_at: string | null;
  planned: number | null;
  recorded: number | null;
  tool_version: string | null;
  config_hash: string | null;
  host: string | null;
  /** JSON array of { file, message }. */
  warnings: string | null;
}

export interface SchemaVersionsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface StoreDatabase {
  store_schema_versions: SchemaVersionsTable;
  assessments: AssessmentsTable;
  assessment_sources: SourcesTable;
  team_stages: TeamStagesTable;
  repository_stages: RepositoryStagesTable;
  capability_statuses: CapabilityStatusesTable;
  detections: DetectionsTable;
  assessment_warnings: WarningsTable;
  shard_results: ShardResultsTable;
  shard_runs: ShardRunsTable;
}
