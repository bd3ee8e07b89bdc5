import type { Kysely } from 'kysely';
import type { ReportCapability, ReportShape } from '../diff/report-shape.js';
import { compress, splitReport, type ReportPart, type SplitReport } from './report-parts.js';
import type { StoreDatabase } from './schema.js';

/** Rows per INSERT: well under SQLite's 32,766 bound parameters for every table. */
export const BATCH_ROWS = 400;

export interface StoredReport {
  /** The report's skeleton, compressed: the `report` column of its assessment. */
  skeleton: Buffer;
  /** Detections over all its sources (each signal once per source). */
  detectionCount: number;
}

/**
 * Writes a report's parts inside the caller's transaction: the parts the store does not hold yet
 * (with their detections and capability statuses), and the assessment's list of its parts.
 * Parts already there, recorded by an earlier assessment, cost one row each. `split` is the
 * report cut into its parts (store/report-parts.ts), by default from its value.
 */
export async function storeReport(
  trx: Kysely<any>,
  assessmentId: string,
  report: ReportShape,
  split: SplitReport = splitReport(report),
): Promise<StoredReport> {
  const { skeleton, parts } = split;
  const known = new Set<string>();
  const hashes = [...new Set(parts.map((p) => p.hash))];
  for (let start = 0; start < hashes.length; start += BATCH_ROWS) {
    const rows = await trx.selectFrom('source_results').select('hash').where('hash', 'in', hashes.slice(start, start + BATCH_ROWS)).execute();
    for (const row of rows) known.add(String(row.hash));
  }
  const fresh = new Map<string, ReportPart>();
  for (const part of parts) if (!known.has(part.hash)) fresh.set(part.hash, part);
  const newParts = [...fresh.values()];
  // Another writer may have stored the same part meanwhile (PostgreSQL): theirs is the same bytes.
  await insertAll(trx, 'source_results', newParts.map((p) => ({ hash: p.hash, body: compress(p.text) })), 'hash');
  await insertAll(trx, 'result_detections', newParts.flatMap(detectionRows), 'hash, signal');
  await insertAll(trx, 'result_capabilities', newParts.flatMap(capabilityRows), 'hash, capability');
  await insertAll(trx, 'assessment_results', parts.map((p, position) => ({ assessment_id: assessmentId, position, source: p.source, hash: p.hash })));
  return { skeleton: compress(skeleton), detectionCount: parts.reduce((sum, p) => sum + distinct(p.section.detections, (d) => d.id).length, 0) };
}

function detectionRows(part: ReportPart): StoreDatabase['result_detections'][] {
  return distinct(part.section.detections, (d) => d.id).map((d) => ({ hash: part.hash, signal: d.id, evidence_count: d.evidence.length }));
}

/** A repository keeps its service capabilities: nested platform ones repeat the organization's. */
function capabilityRows(part: ReportPart): StoreDatabase['result_capabilities'][] {
  const list = 'capabilities' in part.section ? ((part.section.capabilities ?? []) as ReportCapability[]) : [];
  return distinct(
    list.filter((c) => c.scope !== 'platform'),
    (c) => c.id,
  ).map((c) => ({ hash: part.hash, capability: c.id, stage: c.stage, status: c.status, covered: c.coverage?.covered ?? null, total: c.coverage?.total ?? null }));
}

export async function insertAll(trx: Kysely<any>, table: string, rows: readonly object[], onConflictColumns?: string): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    let insert = trx.insertInto(table).values(rows.slice(start, start + BATCH_ROWS) as never);
    if (onConflictColumns !== undefined) insert = insert.onConflict((oc) => oc.columns(onConflictColumns.split(', ') as never).doNothing());
    await insert.execute();
  }
}

export function distinct<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
