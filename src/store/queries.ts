import { compareReports, type AntiPattern, type ReportDiff } from '../diff/compare.js';
import type { ReportShape } from '../diff/report-shape.js';
import { StoreError } from './location.js';
import { writeTransaction, type Store } from './open.js';
import { decompress, joinReport } from './report-parts.js';
import type { Retention } from './window.js';

/**
 * The store's read API: what `history`, `diff` and a dashboard ask. Every function takes an open
 * Store (store/open.ts) and answers the same on SQLite and PostgreSQL. Times are ISO 8601 UTC.
 *
 * - listAssessments(store, filter)  summaries, newest first (or oldest first with order: 'asc')
 * - getAssessment(store, id)        one summary with its sources and the whole JSON report
 * - resolveAssessment(store, ref)   an id, a unique id prefix, a date or 'latest' → a summary
 * - stageSeries(store, filter)      stages over time, oldest first, with teams and repositories
 * - diffAssessments(store, a, b)    the diff of two recorded assessments
 * - pruneAssessments(store, keep)   retention: deletes what falls outside it, returns how many
 */

export interface AssessmentSummary {
  id: string;
  at: string;
  kind: 'scan' | 'backfilled' | 'merged';
  organization: string;
  stage: number;
  stageProvisional: boolean;
  durationMs: number | null;
  toolVersion: string | null;
  model: { name: string | null; version: number | null; hash: string | null };
  configHash: string | null;
  runId: string | null;
  ranBy: { user: string | null; host: string | null; ciSystem: string | null; ciRunId: string | null; ciUrl: string | null };
  counts: { repositories: number; teams: number; clusters: number; warnings: number; detections: number };
}

export interface AssessmentFilter {
  organization?: string;
  /** Inclusive lower bound on `at`. */
  since?: string;
  /** Inclusive upper bound on `at`. */
  until?: string;
  limit?: number;
  order?: 'asc' | 'desc';
}

const SUMMARY_COLUMNS = [
  'id', 'at', 'kind', 'organization', 'stage', 'stage_provisional', 'duration_ms', 'tool_version', 'model_name', 'model_version', 'model_hash',
  'config_hash', 'run_id', 'ran_by_user', 'ran_by_host', 'ci_system', 'ci_run_id', 'ci_url', 'repository_count', 'team_count', 'cluster_count',
  'warning_count', 'detection_count',
] as const;

type SummaryRow = { [K in (typeof SUMMARY_COLUMNS)[number]]: unknown };

function toSummary(row: SummaryRow): AssessmentSummary {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(row.id),
    at: String(row.at),
    kind: row.kind as AssessmentSummary['kind'],
    organization: String(row.organization),
    stage: Number(row.stage),
    stageProvisional: Number(row.stage_provisional) === 1,
    durationMs: n(row.duration_ms),
    toolVersion: s(row.tool_version),
    model: { name: s(row.model_name), version: n(row.model_version), hash: s(row.model_hash) },
    configHash: s(row.config_hash),
    runId: s(row.run_id),
    ranBy: { user: s(row.ran_by_user), host: s(row.ran_by_host), ciSystem: s(row.ci_system), ciRunId: s(row.ci_run_id), ciUrl: s(row.ci_url) },
    counts: {
      repositories: Number(row.repository_count),
      teams: Number(row.team_count),
      clusters: Number(row.cluster_count),
      warnings: Number(row.warning_count),
      detections: Number(row.detection_count),
    },
  };
}

export async function listAssessments(store: Store, filter: AssessmentFilter = {}): Promise<AssessmentSummary[]> {
  let query = store.db.selectFrom('assessments').select(SUMMARY_COLUMNS);
  if (filter.organization !== undefined) query = query.where('organization', '=', filter.organization);
  if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('at', '<=', filter.until);
  const direction = filter.order ?? 'desc';
  query = query.orderBy('at', direction).orderBy('id', direction);
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return (await query.execute()).map(toSummary);
}

export interface StoredAssessment {
  summary: AssessmentSummary;
  sources: { kind: string; name: string; commit: string | null }[];
  /** The whole JSON report as recorded; any reporter can render it again. */
  report: ReportShape & Record<string, unknown>;
}

export async function getAssessment(store: Store, id: string): Promise<StoredAssessment | undefined> {
  const row = await store.db.selectFrom('assessments').select([...SUMMARY_COLUMNS, 'report', 'report_encoding']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  if (row.report_encoding !== 'br-parts') throw new StoreError(`assessment ${id}: its report is kept as ${row.report_encoding}, which this k8s-maturity cannot read`);
  const sources = await store.db.selectFrom('assessment_sources').select(['kind', 'name', 'commit']).where('assessment_id', '=', id).orderBy('position').execute();
  const parts = await store.db
    .selectFrom('assessment_results')
    .innerJoin('source_results', 'source_results.hash', 'assessment_results.hash')
    .select(['assessment_results.source as source', 'source_results.body as body'])
    .where('assessment_results.assessment_id', '=', id)
    .orderBy('assessment_results.position')
    .execute();
  const report = joinReport(
    decompress(row.report),
    parts.map((p) => ({ source: p.source, text: decompress(p.body) })),
  );
  return { summary: toSummary(row), sources, report: report as StoredAssessment['report'] };
}

/**
 * An assessment named the way people name one: its id, the start of its id (unique), `latest`,
 * or a date (YYYY-MM-DD, or an ISO time): the last assessment on or before it.
 */
export async function resolveAssessment(store: Store, ref: string, filter: Pick<AssessmentFilter, 'organization'> = {}): Promise<AssessmentSummary> {
  const value = ref.trim();
  if (value === 'latest') {
    const [latest] = await listAssessments(store, { ...filter, limit: 1 });
    if (!latest) throw new StoreError(`no assessment recorded in ${store.location.shown} yet: run \`k8s-maturity scan --save\``);
    return latest;
  }
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : /^\d{4}-\d{2}-\d{2}T[\d:.]+Z?$/.test(value) ? new Date(value.endsWith('Z') ? value : `${value}Z`).toISOString() : undefined;
  if (date !== undefined) {
    const [found] = await listAssessments(store, { ...filter, until: date, limit: 1 });
    if (!found) throw new StoreError(`no assessment recorded on or before ${value}`);
    return found;
  }
  let query = store.db.selectFrom('assessments').select(SUMMARY_COLUMNS).where('id', '>=', value).where('id', '<', `${value}\uffff`);
  if (filter.organization !== undefined) query = query.where('organization', '=', filter.organization);
  const matches = await query.orderBy('id').limit(2).execute();
  const exact = matches.find((m) => m.id === value);
  if (exact) return toSummary(exact);
  if (matches.length === 0) throw new StoreError(`no assessment with id ${value}: see \`k8s-maturity history\` for ids`);
  if (matches.length > 1) throw new StoreError(`${value} names more than one assessment (${matches.map((m) => m.id).join(', ')}, …): give more of the id`);
  return toSummary(matches[0]!);
}

export interface SeriesFilter extends Omit<AssessmentFilter, 'order' | 'limit'> {
  team?: string;
  repository?: string;
  /** Each point's repositories (default true): a chart of the organization and its teams needs none. */
  repositories?: boolean;
  /** Each point's teams (default true). */
  teams?: boolean;
}

export interface HistoryPoint {
  id: string;
  at: string;
  kind: AssessmentSummary['kind'];
  organization: string;
  stage: number;
  teams: { name: string; stage: number }[];
  repositories: { path: string; stage: number; team: string | null }[];
}

/**
 * Stages over time, oldest first: the organization's, and each team's and repository's (narrowed
 * by team or repository, or left out). Two queries: the assessments the filter keeps, and their
 * stage summaries (one row each); no report is opened.
 */
export async function stageSeries(store: Store, filter: SeriesFilter = {}): Promise<HistoryPoint[]> {
  return (await lazyStageSeries(store, filter)).map((point) => point.read());
}

/** A point of the series whose teams and repositories are parsed from its summary when read. */
export interface LazyHistoryPoint extends Omit<HistoryPoint, 'teams' | 'repositories'> {
  read(): HistoryPoint;
}

/**
 * stageSeries, with each point's summary parsed only when it is read: `history --format json`
 * writes a year of 200 repositories (73,000 stages) a point at a time, so the parsed stages of
 * one point are garbage before the next is parsed, instead of all living at once.
 */
export async function lazyStageSeries(store: Store, filter: SeriesFilter = {}): Promise<LazyHistoryPoint[]> {
  let assessments = store.db.selectFrom('assessments');
  if (filter.organization !== undefined) assessments = assessments.where('organization', '=', filter.organization);
  if (filter.since !== undefined) assessments = assessments.where('at', '>=', filter.since);
  if (filter.until !== undefined) assessments = assessments.where('at', '<=', filter.until);
  const rows = await assessments.select(['id', 'at', 'kind', 'organization', 'stage']).orderBy('at', 'asc').orderBy('id', 'asc').execute();
  if (rows.length === 0) return [];
  const wantTeams = filter.teams !== false;
  const wantRepositories = filter.repositories !== false;
  const texts = new Map<string, { teams: string; repositories: string }>();
  if (wantTeams || wantRepositories) {
    // Only the columns asked for: the repositories' column is most of a summary's bytes.
    const columns = [...(wantTeams ? (['teams'] as const) : []), ...(wantRepositories ? (['repositories'] as const) : [])];
    const summaries = await store.db
      .selectFrom('stage_summaries')
      .select(['assessment_id', ...columns])
      .where('assessment_id', 'in', assessments.select('id'))
      .execute();
    for (const summary of summaries as { assessment_id: string; teams?: string; repositories?: string }[]) {
      texts.set(summary.assessment_id, { teams: summary.teams ?? '[]', repositories: summary.repositories ?? '[]' });
    }
  }
  return rows.map((r) => {
    const point = { id: r.id, at: r.at, kind: r.kind, organization: r.organization, stage: Number(r.stage) };
    return { ...point, read: () => ({ ...point, ...stagesOf(texts.get(r.id), filter) }) };
  });
}

function stagesOf(summary: { teams: string; repositories: string } | undefined, filter: SeriesFilter): Pick<HistoryPoint, 'teams' | 'repositories'> {
  const stages: Pick<HistoryPoint, 'teams' | 'repositories'> = { teams: [], repositories: [] };
  if (summary === undefined) return stages;
  if (filter.teams !== false) {
    const teams = JSON.parse(summary.teams) as { name: string; stage: number }[];
    for (const t of teams) if (filter.team === undefined || t.name === filter.team) stages.teams.push({ name: t.name, stage: t.stage });
  }
  if (filter.repositories !== false) {
    const repositories = JSON.parse(summary.repositories) as { path: string; stage: number; team: string | null }[];
    for (const r of repositories) {
      const wanted = (filter.repository === undefined || r.path === filter.repository) && (filter.team === undefined || r.team === filter.team);
      if (wanted) stages.repositories.push({ path: r.path, stage: r.stage, team: r.team });
    }
  }
  return stages;
}

/** The diff of two recorded assessments (compareReports on their stored reports). */
export async function diffAssessments(store: Store, fromId: string, toId: string, antiPatterns: readonly AntiPattern[]): Promise<ReportDiff> {
  const [from, to] = await Promise.all([getAssessment(store, fromId), getAssessment(store, toId)]);
  if (!from) throw new StoreError(`no assessment with id ${fromId}`);
  if (!to) throw new StoreError(`no assessment with id ${toId}`);
  return compareReports(from.report, to.report, { from: { id: fromId, at: from.summary.at }, to: { id: toId, at: to.summary.at } }, antiPatterns);
}

/** Deletes the assessments outside the retention (with all their rows, in one transaction); returns how many. */
export async function pruneAssessments(store: Store, retention: Retention, now: Date = new Date()): Promise<number> {
  return writeTransaction(store, async (trx) => {
    let doomed: string[];
    if ('olderThanDays' in retention) {
      const cutoff = new Date(now.getTime() - retention.olderThanDays * 86_400_000).toISOString();
      doomed = (await trx.selectFrom('assessments').select('id').where('at', '<', cutoff).execute()).map((r) => r.id);
    } else {
      const all = await trx.selectFrom('assessments').select('id').orderBy('at', 'desc').orderBy('id', 'desc').execute();
      doomed = all.slice(retention.keepNewest).map((r) => r.id);
    }
    for (const chunk of chunks(doomed, 500)) {
      for (const table of ['assessment_sources', 'stage_summaries', 'capability_statuses', 'assessment_results', 'assessment_warnings'] as const) {
        await trx.deleteFrom(table).where('assessment_id', 'in', chunk).execute();
      }
      await trx.deleteFrom('assessments').where('id', 'in', chunk).execute();
    }
    // The report parts no assessment holds any more (parts are shared between assessments).
    if (doomed.length > 0) {
      const held = trx.selectFrom('assessment_results').select('hash');
      await trx.deleteFrom('result_detections').where('hash', 'not in', held).execute();
      await trx.deleteFrom('result_capabilities').where('hash', 'not in', held).execute();
      await trx.deleteFrom('source_results').where('hash', 'not in', held).execute();
    }
    return doomed.length;
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
