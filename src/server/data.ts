import type { Store } from '../store/open.js';
import { getAssessment, listAssessments, type AssessmentSummary, type StoredAssessment } from '../store/queries.js';

/**
 * What the pages read from the store, on SQLite or PostgreSQL alike. Read-only: nothing here
 * writes, and the store is opened by the server for reading only (serve-command.ts).
 */

/** The organizations recorded, most recently assessed first. */
export async function organizations(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('assessments').select('organization').select((eb) => eb.fn.max('at').as('last')).groupBy('organization').execute();
  return rows.sort((a, b) => String(b.last).localeCompare(String(a.last))).map((r) => r.organization);
}

/** The organization a page is about: the one asked for, else the most recently assessed. */
export async function organizationOf(store: Store, asked: string | undefined): Promise<string | undefined> {
  if (asked) return asked;
  return (await organizations(store))[0];
}

/** The latest assessment of the organization, with its whole report. */
export async function latest(store: Store, organization: string): Promise<StoredAssessment | undefined> {
  const [summary] = await listAssessments(store, { organization, limit: 1 });
  return summary ? getAssessment(store, summary.id) : undefined;
}

/** The assessment recorded just before `summary`, for "what changed since". */
export async function previous(store: Store, summary: AssessmentSummary): Promise<AssessmentSummary | undefined> {
  const candidates = await listAssessments(store, { organization: summary.organization, until: summary.at, limit: 3 });
  return candidates.find((c) => c.id !== summary.id && (c.at < summary.at || (c.at === summary.at && c.id < summary.id)));
}

/** `?since=` as people write it: 30d, 12w, 6m, 1y or all (default 1y), as an ISO lower bound. */
export function sinceBound(since: string | undefined, now: Date = new Date()): { value: string; bound?: string } {
  const value = since && /^(\d{1,4}[dwmy]|all)$/.test(since) ? since : '1y';
  if (value === 'all') return { value };
  const n = Number(value.slice(0, -1));
  const days = n * { d: 1, w: 7, m: 30, y: 365 }[value.slice(-1) as 'd' | 'w' | 'm' | 'y'];
  return { value, bound: new Date(now.getTime() - days * 86_400_000).toISOString() };
}
