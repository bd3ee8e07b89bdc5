import { sql, type Kysely } from 'kysely';
import { blobType, type Engine, type Migration } from './migration.js';

/** Assessments and what history, diff and a dashboard query without opening the report. */
export const initialSchema: Migration = {
  version: 1,
  name: 'assessments, stages, capabilities, detections, sources, warnings',
  // Long because it is the whole first schema, table by table in the order their references need:
  // read top to bottom it is the schema's one description, which splitting would scatter.
  async up(db: Kysely<any>, engine: Engine) {
    const blob = blobType(engine);
    await db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'integer')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('scan', 'backfilled', 'merged')`))
      .addColumn('organization', 'text', (c) => c.notNull())
      .addColumn('stage', 'integer', (c) => c.notNull())
      .addColumn('stage_provisional', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('tool_version', 'text')
      .addColumn('model_name', 'text')
      .addColumn('model_version', 'integer')
      .addColumn('model_hash', 'text')
      .addColumn('config_hash', 'text')
      .addColumn('run_id', 'text')
      .addColumn('ran_by_user', 'text')
      .addColumn('ran_by_host', 'text')
      .addColumn('ci_system', 'text')
      .addColumn('ci_run_id', 'text')
      .addColumn('ci_url', 'text')
      .addColumn('repository_count', 'integer', (c) => c.notNull())
      .addColumn('team_count', 'integer', (c) => c.notNull())
      .addColumn('cluster_count', 'integer', (c) => c.notNull())
      .addColumn('warning_count', 'integer', (c) => c.notNull())
      .addColumn('detection_count', 'integer', (c) => c.notNull())
      .addColumn('report_gzip', blob, (c) => c.notNull())
      .addColumn('report_bytes', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('assessments_by_time').on('assessments').columns(['at', 'id']).execute();
    await db.schema.createIndex('assessments_by_organization').on('assessments').columns(['organization', 'at']).execute();
    await db.schema.createIndex('assessments_by_run').on('assessments').column('run_id').execute();

    const child = (name: string) => db.schema.createTable(name).addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'));

    await child('assessment_sources')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('commit', 'text')
      .addPrimaryKeyConstraint('assessment_sources_pk', ['assessment_id', 'position'])
      .execute();
    await child('team_stages')
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('stage', 'integer', (c) => c.notNull())
      .addColumn('repository_count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_stages_pk', ['assessment_id', 'team'])
      .execute();
    await child('repository_stages')
      .addColumn('repository', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('stage', 'integer', (c) => c.notNull())
      .addColumn('team', 'text')
      .addPrimaryKeyConstraint('repository_stages_pk', ['assessment_id', 'repository'])
      .execute();
    await db.schema.createIndex('repository_stages_by_repository').on('repository_stages').columns(['repository', 'assessment_id']).execute();
    await child('capability_statuses')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('capability', 'text', (c) => c.notNull())
      .addColumn('stage', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('covered', 'integer')
      .addColumn('total', 'integer')
      .addPrimaryKeyConstraint('capability_statuses_pk', ['assessment_id', 'scope', 'capability'])
      .execute();
    await child('detections')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('signal', 'text', (c) => c.notNull())
      .addColumn('evidence_count', 'integer', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('detections_pk', ['assessment_id', 'source', 'signal'])
      .execute();
    await child('assessment_warnings')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('repository', 'text')
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assessment_warnings_pk', ['assessment_id', 'position'])
      .execute();
  },
};
