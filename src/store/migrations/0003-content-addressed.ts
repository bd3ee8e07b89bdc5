import { sql, type Kysely } from 'kysely';
import { gunzipSync } from 'node:zlib';
import { storeReport } from '../report-rows.js';
import { blobType, type Engine, type Migration } from './migration.js';

/**
 * Reports kept as content-addressed parts (src/store/report-parts.ts): each repository's and
 * cluster's section once in `source_results`, brotli-compressed, with its detections and
 * capability statuses; an assessment keeps its skeleton and the list of its parts. A year of
 * daily 200-repository assessments went from 2.1 MB to about 0.2 MB each (docs/store.md).
 *
 * History reads `stage_summaries`, one row per assessment with its teams' and repositories' stages,
 * instead of a row per team and per repository (a year of 200 repositories: 365 rows, not 73,000).
 *
 * Existing assessments are converted in place: their gzip report is cut into parts, their
 * per-assessment detection rows and repository capability rows are dropped (the parts hold them),
 * and their team and repository stage rows become one summary row.
 * The conversion writes through storeReport, i.e. today's layout, which is version 3's; a later
 * migration that changes these tables must convert after this one has run.
 */
export const contentAddressedReports: Migration = {
  version: 3,
  name: 'reports as content-addressed parts shared between assessments',

  async up(db: Kysely<any>, engine: Engine) {
    // SQLite: the primary key is the table (no second copy of the keys in an automatic index).
    const withoutRowid = <T extends { modifyEnd(node: unknown): T }>(builder: T): T => (engine === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder);
    await withoutRowid(
      db.schema
        .createTable('source_results')
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('body', blobType(engine), (c) => c.notNull())
        .addPrimaryKeyConstraint('source_results_pk', ['hash']),
    ).execute();
    await withoutRowid(
      db.schema
        .createTable('result_detections')
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('signal', 'text', (c) => c.notNull())
        .addColumn('evidence_count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('result_detections_pk', ['hash', 'signal']),
    ).execute();
    await withoutRowid(
      db.schema
        .createTable('result_capabilities')
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('capability', 'text', (c) => c.notNull())
        .addColumn('stage', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('covered', 'integer')
        .addColumn('total', 'integer')
        .addPrimaryKeyConstraint('result_capabilities_pk', ['hash', 'capability']),
    ).execute();
    await withoutRowid(
      db.schema
        .createTable('assessment_results')
        .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_results_pk', ['assessment_id', 'position']),
    ).execute();
    // Pruning removes the parts no assessment holds any more.
    await db.schema.createIndex('assessment_results_by_hash').on('assessment_results').column('hash').execute();
    // History reads one row per assessment instead of a row per team and per repository.
    await db.schema
      .createTable('stage_summaries')
      .addColumn('assessment_id', 'text', (c) => c.primaryKey().references('assessments.id').onDelete('cascade'))
      .addColumn('teams', 'text', (c) => c.notNull())
      .addColumn('repositories', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('assessments').renameColumn('report_gzip', 'report').execute();
    await db.schema.alterTable('assessments').addColumn('report_encoding', 'text', (c) => c.notNull().defaultTo('gzip')).execute();

    const ids = (await db.selectFrom('assessments').select('id').orderBy('id').execute()).map((r) => String(r.id));
    for (const id of ids) {
      // One at a time: a report of 200 repositories is 16 MB once decompressed.
      const row = await db.selectFrom('assessments').select('report').where('id', '=', id).executeTakeFirstOrThrow();
      const report = JSON.parse(gunzipSync(Buffer.from(row.report as Uint8Array)).toString('utf8'));
      const { skeleton } = await storeReport(db, id, report);
      await db.updateTable('assessments').set({ report: skeleton, report_encoding: 'br-parts' }).where('id', '=', id).execute();
      const teams = await db.selectFrom('team_stages').select(['team', 'stage', 'repository_count']).where('assessment_id', '=', id).orderBy('team').execute();
      const repositories = await db.selectFrom('repository_stages').select(['repository', 'kind', 'stage', 'team']).where('assessment_id', '=', id).orderBy('repository').execute();
      await db
        .insertInto('stage_summaries')
        .values({
          assessment_id: id,
          teams: JSON.stringify(teams.map((t) => ({ name: t.team, stage: Number(t.stage), repositories: Number(t.repository_count) }))),
          repositories: JSON.stringify(repositories.map((r) => ({ path: r.repository, kind: r.kind, stage: Number(r.stage), team: r.team ?? null }))),
        })
        .execute();
    }
    await db.schema.dropTable('team_stages').execute();
    await db.schema.dropTable('repository_stages').execute();
    await db.deleteFrom('capability_statuses').where('scope', 'like', 'repository:%').execute();
    await db.schema.dropTable('detections').execute();
  },
};
