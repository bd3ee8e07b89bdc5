import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { ReportShape } from '../../src/diff/report-shape.js';

/**
 * An assessment written the way releases before schema 3 wrote it (src/store/record.ts then): the
 * whole report gzip-compressed in `report_gzip`, a detection row per source and signal with its
 * evidence, capability rows for every scope including each repository. Frozen here so that the
 * migrations that convert such stores are tested on the rows they will meet.
 */
export async function recordSchema2Assessment(db: Kysely<any>, report: ReportShape, text: string, id: string, at: string): Promise<void> {
  const teamOf = new Map<string, string>();
  for (const team of report.teams) for (const repo of team.repositories) if (!teamOf.has(repo)) teamOf.set(repo, team.name);
  const detections: object[] = [];
  for (const repo of report.repositories) {
    for (const d of repo.detections) detections.push({ assessment_id: id, source: `repository:${repo.path}`, signal: d.id, evidence_count: d.evidence.length, evidence: JSON.stringify(d.evidence.slice(0, 20)) });
  }
  for (const cluster of report.clusters ?? []) {
    for (const d of cluster.detections) detections.push({ assessment_id: id, source: `cluster:${cluster.name}`, signal: d.id, evidence_count: d.evidence.length, evidence: JSON.stringify(d.evidence.slice(0, 20)) });
  }
  const capabilities: object[] = [];
  const add = (scope: string, list: ReportShape['capabilities'] | undefined, onlyService: boolean) => {
    for (const c of list ?? []) {
      if (onlyService && c.scope === 'platform') continue;
      capabilities.push({ assessment_id: id, scope, capability: c.id, stage: c.stage, status: c.status, covered: c.coverage?.covered ?? null, total: c.coverage?.total ?? null });
    }
  };
  add('organization', report.capabilities, false);
  for (const team of report.teams) add(`team:${team.name}`, team.capabilities, false);
  for (const repo of report.repositories) add(`repository:${repo.path}`, repo.capabilities, true);
  await db
    .insertInto('assessments')
    .values({
      id,
      at,
      recorded_at: at,
      kind: 'scan',
      organization: report.organization ?? '',
      stage: report.stage,
      stage_provisional: report.stageProvisional ? 1 : 0,
      repository_count: report.repositories.length,
      team_count: report.teams.length,
      cluster_count: report.clusters?.length ?? 0,
      warning_count: 0,
      detection_count: detections.length,
      report_gzip: gzipSync(text),
      report_bytes: Buffer.byteLength(text),
    })
    .execute();
  await db.insertInto('team_stages').values(report.teams.map((t) => ({ assessment_id: id, team: t.name, stage: t.stage, repository_count: t.repositories.length }))).execute();
  await db
    .insertInto('repository_stages')
    .values(report.repositories.map((r) => ({ assessment_id: id, repository: r.path, kind: r.kind ?? 'service', stage: r.stage, team: teamOf.get(r.path) ?? null })))
    .execute();
  await db.insertInto('capability_statuses').values(capabilities).execute();
  await db.insertInto('detections').values(detections).execute();
}
