import { createHash } from 'node:crypto';
import type { ReportCapability, ReportShape } from '../diff/report-shape.js';
import { redactStoreUrl } from './location.js';
import { writeTransaction, type Store } from './open.js';
import { splitReport, type SplitReport } from './report-parts.js';
import { distinct, insertAll, storeReport } from './report-rows.js';
import type { RunFacts } from './run-facts.js';
import type { StoreDatabase } from './schema.js';
import { sql, type Insertable } from 'kysely';

export type RecordOutcome = { id: string; recorded: true } | { id: string; recorded: false; reason: 'already recorded' };

/**
 * Records one assessment: the summary row, its sources, stages, capability statuses, the report's
 * parts (with their detections and capabilities) and its compressed skeleton, in one transaction,
 * so it is there whole or not at all (a process killed half-way leaves nothing). Recording the
 * same id twice (a spool file pushed again) changes nothing.
 *
 * `report` is the JSON report's value (what `reportText` parses to, or report/json.ts's
 * jsonReport), not an in-memory Assessment: its sections are stored as they appear in the report.
 * `reportText` is that value as JSON.stringify(report, null, 2) writes it (renderJson's text),
 * best as UTF-8 bytes (renderJsonBytes): each section's part is cut out of it.
 */
export async function recordAssessment(
  store: Store,
  report: ReportShape,
  reportText: string | Buffer,
  facts: RunFacts,
  // The sections are cut out of the report's bytes (store/report-parts.ts), outside the transaction.
  parts: SplitReport = splitReport(report, typeof reportText === 'string' ? Buffer.from(reportText) : reportText),
): Promise<RecordOutcome> {
  const rows = assessmentRows(report, reportText, facts);
  return writeTransaction(store, async (trx) => {
    // Two processes recording the same id at once (the last shards of a run, each merging it): on
    // PostgreSQL the second waits here for the first to commit, then finds it. (SQLite's write lock
    // already queues them.)
    if (store.engine === 'postgres') await sql`select pg_advisory_xact_lock(${lockKey(facts.id)}::bigint)`.execute(trx);
    const existing = await trx.selectFrom('assessments').select('id').where('id', '=', facts.id).executeTakeFirst();
    if (existing) return { id: facts.id, recorded: false, reason: 'already recorded' } as const;
    // The summary first (its parts reference it), with the skeleton once the parts are written.
    await trx.insertInto('assessments').values(rows.assessment).execute();
    const stored = await storeReport(trx, facts.id, report, parts);
    await trx.updateTable('assessments').set({ report: stored.skeleton, detection_count: stored.detectionCount }).where('id', '=', facts.id).execute();
    await insertAll(trx, 'assessment_sources', rows.sources);
    await trx.insertInto('stage_summaries').values(rows.stages).execute();
    await insertAll(trx, 'capability_statuses', rows.capabilities);
    await insertAll(trx, 'assessment_warnings', rows.warnings);
    return { id: facts.id, recorded: true } as const;
  });
}

/** A PostgreSQL advisory lock key for an assessment id: the first 8 bytes of its SHA-256, signed. */
function lockKey(id: string): string {
  return createHash('sha256').update(id).digest().readBigInt64BE(0).toString();
}

type Rows<T extends keyof StoreDatabase> = Insertable<StoreDatabase[T]>[];

export interface AssessmentRows {
  assessment: Insertable<StoreDatabase['assessments']>;
  sources: Rows<'assessment_sources'>;
  stages: Insertable<StoreDatabase['stage_summaries']>;
  capabilities: Rows<'capability_statuses'>;
  warnings: Rows<'assessment_warnings'>;
}

/** The per-assessment rows (pure: no store needed); the report's parts are store/report-rows.ts's. */
export function assessmentRows(report: ReportShape, reportText: string | Buffer, facts: RunFacts): AssessmentRows {
  const id = facts.id;
  const teamOf = new Map<string, string>();
  for (const team of report.teams) for (const repo of team.repositories) if (!teamOf.has(repo)) teamOf.set(repo, team.name);

  // Organization and teams; a repository's capabilities are kept with its part (report-rows.ts).
  const capabilities: Rows<'capability_statuses'> = [];
  const addCapabilities = (scope: string, list: readonly ReportCapability[] | undefined) => {
    for (const c of distinct(list ?? [], (x) => x.id)) {
      capabilities.push({ assessment_id: id, scope, capability: c.id, stage: c.stage, status: c.status, covered: c.coverage?.covered ?? null, total: c.coverage?.total ?? null });
    }
  };
  addCapabilities('organization', report.capabilities);
  for (const team of report.teams) addCapabilities(`team:${team.name}`, team.capabilities);

  const warnings: Rows<'assessment_warnings'> = [];
  const allWarnings = [...(report.warnings ?? [])];
  for (const repo of report.repositories) for (const w of repo.warnings ?? []) allWarnings.push({ ...w, repository: w.repository ?? repo.path });
  allWarnings.forEach((w, position) => warnings.push({ assessment_id: id, position, repository: w.repository ?? null, file: String(w.file), message: String(w.message) }));

  const repositories = distinct(report.repositories, (r) => r.path).map((r) => ({ path: r.path, kind: r.kind ?? 'service', stage: r.stage, team: teamOf.get(r.path) ?? null }));
  const teams = distinct(report.teams, (t) => t.name).map((t) => ({ name: t.name, stage: t.stage, repositories: t.repositories.length }));

  return {
    assessment: {
      id,
      at: facts.at,
      duration_ms: facts.durationMs === undefined ? null : Math.round(facts.durationMs),
      recorded_at: new Date().toISOString(),
      kind: facts.kind,
      organization: report.organization ?? '',
      stage: report.stage,
      stage_provisional: report.stageProvisional ? 1 : 0,
      tool_version: facts.toolVersion ?? report.tool?.version ?? null,
      model_name: facts.model?.name ?? report.model?.source?.title ?? null,
      model_version: facts.model?.version ?? report.model?.version ?? null,
      model_hash: facts.model?.hash ?? null,
      config_hash: facts.configHash ?? null,
      run_id: facts.runId ?? null,
      ran_by_user: facts.ranBy.user ?? null,
      ran_by_host: facts.ranBy.host ?? null,
      ci_system: facts.ranBy.ciSystem ?? null,
      ci_run_id: facts.ranBy.ciRunId ?? null,
      ci_url: facts.ranBy.ciUrl ?? null,
      repository_count: repositories.length,
      team_count: teams.length,
      cluster_count: report.clusters?.length ?? 0,
      warning_count: warnings.length,
      // Both set once the report's parts are written (recordAssessment).
      detection_count: 0,
      report: new Uint8Array(0),
      report_encoding: 'br-parts',
      report_bytes: Buffer.byteLength(reportText),
    },
    sources: facts.sources.map((s, position) => ({ assessment_id: id, position, kind: s.kind, name: redactStoreUrl(s.name), commit: s.commit ?? null })),
    // Sorted by name, as history lists them.
    stages: { assessment_id: id, teams: JSON.stringify(teams.sort((a, b) => compare(a.name, b.name))), repositories: JSON.stringify(repositories.sort((a, b) => compare(a.path, b.path))) },
    capabilities,
    warnings,
  };
}

/** Code-unit order, as SQL's text comparison sorts (not the locale's). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
