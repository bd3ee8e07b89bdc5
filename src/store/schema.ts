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
  /**
   * The JSON report's skeleton (schemaVersion 1, without its repositories' and clusters' sections),
   * brotli-compressed; with its parts (`assessment_results`) it is the whole report again, which
   * today's reporters can render (store/report-parts.ts).
   */
  report: Uint8Array;
  /** `br-parts` (schema 3 on; older gzip reports are converted by migration 3). */
  report_encoding: string;
  report_bytes: number;
}

export interface SourcesTable {
  assessment_id: string;
  position: number;
  kind: 'repository' | 'cluster';
  name: string;
  commit: string | null;
}

/**
 * Each assessment's team and repository stages, one row: what `history`, its CSV and JSON, and the
 * dashboard's trends read, a year of a 200-repository organization in 365 rows (schema 3 on).
 */
export interface StageSummariesTable {
  assessment_id: string;
  /** JSON: `[{ "name", "stage", "repositories": count }]`. */
  teams: string;
  /** JSON: `[{ "path", "kind", "stage", "team" (or null) }]`. */
  repositories: string;
}

export interface CapabilityStatusesTable {
  assessment_id: string;
  /** `organization` or `team:NAME` (a repository's are in result_capabilities). */
  scope: string;
  capability: string;
  stage: number;
  status: 'met' | 'partial' | 'missing' | 'unknown';
  covered: number | null;
  total: number | null;
}

/** One repository's or cluster's section of a report, stored once however many assessments hold it. */
export interface SourceResultsTable {
  /** 128 bits of the SHA-256 of the section's compact JSON. */
  hash: string;
  /** The section's compact JSON, brotli-compressed. */
  body: Uint8Array;
}

/** The signals a stored section detected (its evidence is in the section). */
export interface ResultDetectionsTable {
  hash: string;
  signal: string;
  evidence_count: number;
}

/** A repository section's service capabilities (platform ones are the organization's). */
export interface ResultCapabilitiesTable {
  hash: string;
  capability: string;
  stage: number;
  status: 'met' | 'partial' | 'missing' | 'unknown';
  covered: number | null;
  total: number | null;
}

/** The sections of an assessment's report, in report order. */
export interface AssessmentResultsTable {
  assessment_id: string;
  position: number;
  /** `repository:PATH` or `cluster:NAME`. */
  source: string;
  hash: string;
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
  stage_summaries: StageSummariesTable;
  capability_statuses: CapabilityStatusesTable;
  source_results: SourceResultsTable;
  result_detections: ResultDetectionsTable;
  result_capabilities: ResultCapabilitiesTable;
  assessment_results: AssessmentResultsTable;
  assessment_warnings: WarningsTable;
  shard_results: ShardResultsTable;
  shard_runs: ShardRunsTable;
}
