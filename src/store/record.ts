import { gzipSync } from 'node:zlib';
import type { Evidence } from '../core/types.js';
import type { ReportCapability, ReportShape } from '../diff/report-shape.js';
import { redactStoreUrl } from './location.js';
import { writeTransaction, type Store, type StoreDb } from './open.js';
import type { RunFacts } from './run-facts.js';
import type { StoreDatabase } from './schema.js';
import type { Insertable } from 'kysely';

/** Evidence kept per detection row; the compressed report keeps all of it. */
export const STORED_EVIDENCE = 20;
/** Rows per INSERT: well under SQLite's 32,766 bound parameters for every table. */
const BATCH_ROWS = 400;

export type RecordOutcome = { id: string; recorded: true } | { id: string; recorded: false; reason: 'already recorded' };

/**
 * Records one assessment: the summary row, its sources, stages, capability statuses, detections,
 * warnings and the whole JSON report compressed, in one transaction, so it is there whole or not
 * at all (a process killed half-way leaves nothing). Recording the same id twice (a spool file
 * pushed again) changes nothing.
 */
export async function recordAssessment(store: Store, report: ReportShape, reportText: string, facts: RunFacts): Promise<RecordOutcome> {
  const rows = assessmentRows(report, reportText, facts);
  return writeTransaction(store, async (trx) => {
    const existing = await trx.selectFrom('assessments').select('id').where('id', '=', facts.id).executeTakeFirst();
    if (existing) return { id: facts.id, recorded: false, reason: 'already recorded' } as const;
    await trx.insertInto('assessments').values(rows.assessment).execute();
    await insertAll(trx, 'assessment_sources', rows.sources);
    await insertAll(trx, 'team_stages', rows.teams);
    await insertAll(trx, 'repository_stages', rows.repositories);
    await insertAll(trx, 'capability_statuses', rows.capabilities);
    await insertAll(trx, 'detections', rows.detections);
    await insertAll(trx, 'assessment_warnings', rows.warnings);
    return { id: facts.id, recorded: true } as const;
  });
}

type Rows<T extends keyof StoreDatabase> = Insertable<StoreDatabase[T]>[];

async function insertAll<T extends keyof StoreDatabase>(trx: StoreDb, table: T, rows: Rows<T>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
     
    await trx.insertInto(table).values(rows.slice(start, start + BATCH_ROWS) as any).execute();
  }
}

export interface AssessmentRows {
  assessment: Insertable<StoreDatabase['assessments']>;
  sources: Rows<'assessment_sources'>;
  teams: Rows<'team_stages'>;
  repositories: Rows<'repository_stages'>;
  capabilities: Rows<'capability_statuses'>;
  detections: Rows<'detections'>;
  warnings: Rows<'assessment_warnings'>;
}

/** The rows of one assessment (pure: no store needed), exported for tests and for shard merges. */
export function assessmentRows(report: ReportShape, reportText: string, facts: RunFacts): AssessmentRows {
  const id = facts.id;
  const teamOf = new Map<string, string>();
  for (const team of report.teams) for (const repo of team.repositories) if (!teamOf.has(repo)) teamOf.set(repo, team.name);

  const capabilities: Rows<'capability_statuses'> = [];
  const addCapabilities = (scope: string, list: readonly ReportCapability[] | undefined, onlyService: boolean) => {
    const seen = new Set<string>();
    for (const c of list ?? []) {
      // Nested platform capabilities repeat the organization's status: kept once, at organization scope.
      if (onlyService && c.scope === 'platform') continue;
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      capabilities.push({ assessment_id: id, scope, capability: c.id, stage: c.stage, status: c.status, covered: c.coverage?.covered ?? null, total: c.coverage?.total ?? null });
    }
  };
  addCapabilities('organization', report.capabilities, false);
  for (const team of report.teams) addCapabilities(`team:${team.name}`, team.capabilities, false);
  for (const repo of report.repositories) addCapabilities(`repository:${repo.path}`, repo.capabilities, true);

  const detections: Rows<'detections'> = [];
  const addDetections = (source: string, list: readonly { id: string; evidence: Evidence[] }[]) => {
    const seen = new Set<string>();
    for (const d of list) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      detections.push({ assessment_id: id, source, signal: d.id, evidence_count: d.evidence.length, evidence: JSON.stringify(d.evidence.slice(0, STORED_EVIDENCE)) });
    }
  };
  for (const repo of report.repositories) addDetections(`repository:${repo.path}`, repo.detections);
  for (const cluster of report.clusters ?? []) addDetections(`cluster:${cluster.name}`, cluster.detections);

  const warnings: Rows<'assessment_warnings'> = [];
  const allWarnings = [...(report.warnings ?? [])];
  for (const repo of report.repositories) for (const w of repo.warnings ?? []) allWarnings.push({ ...w, repository: w.repository ?? repo.path });
  allWarnings.forEach((w, position) => warnings.push({ assessment_id: id, position, repository: w.repository ?? null, file: String(w.file), message: String(w.message) }));

  const repositories = dedupe(report.repositories, (r) => r.path).map((r) => ({ assessment_id: id, repository: r.path, kind: r.kind ?? 'service', stage: r.stage, team: teamOf.get(r.path) ?? null }));
  const teams = dedupe(report.teams, (t) => t.name).map((t) => ({ assessment_id: id, team: t.name, stage: t.stage, repository_count: t.repositories.length }));
  const compressed = gzipSync(reportText);

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
      detection_count: detections.length,
      report_gzip: compressed,
      report_bytes: Buffer.byteLength(reportText),
    },
    sources: facts.sources.map((s, position) => ({ assessment_id: id, position, kind: s.kind, name: redactStoreUrl(s.name), commit: s.commit ?? null })),
    teams,
    repositories,
    capabilities,
    detections,
    warnings,
  };
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
