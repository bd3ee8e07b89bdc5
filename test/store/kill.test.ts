import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { getAssessment } from '../../src/store/queries.js';
import { enginesToTest, freshStore } from './engines.js';
import { CLI, ROOT, homeEnv, tempHome } from './example.js';

/**
 * `scan --save` killed (SIGKILL) at random points, 20 times: every assessment in the store is whole
 * (its summary's counts match its rows, its report opens) or absent. Only consistency is asserted:
 * where each kill lands depends on the machine, and that is the point of random delays.
 */

const KILLS = 20;

function scanSave(store: string, home: string, killAfterMs?: number): Promise<{ elapsedMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('node', [CLI, 'scan', '--config', join(ROOT, 'examples', 'acme', '.k8s-maturity.yaml'), '--save', '--store', store, '--format', 'json', '--quiet'], {
      env: { ...process.env, ...homeEnv(home), K8S_MATURITY_STORE: '' },
      stdio: 'ignore',
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve({ elapsedMs: Date.now() - started });
    });
  });
}

describe.each(enginesToTest())('scan --save killed at random points on %s', (engine) => {
  it('leaves every assessment whole or absent', { timeout: 600_000 }, async () => {
    const location = await freshStore(engine);
    const url = location.engine === 'sqlite' ? `sqlite:${location.path}` : location.url;
    const home = tempHome();
    // One whole run, so the store exists and the delays below cover a run's length on this machine.
    const { elapsedMs } = await scanSave(url, home);
    for (let i = 0; i < KILLS; i++) {
      // Half anywhere in the run, half near its end, where the report is spooled and recorded.
      const delay = i % 2 === 0 ? Math.random() * elapsedMs * 1.2 : elapsedMs * (0.7 + Math.random() * 0.45);
      await scanSave(url, home, Math.round(delay));
    }

    const store = await openStore(location);
    try {
      if (store.engine === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
        expect(check.rows.map((r) => r.integrity_check)).toEqual(['ok']);
      }
      const assessments = await store.db.selectFrom('assessments').selectAll().execute();
      expect(assessments.length).toBeGreaterThanOrEqual(1);
      const count = async (table: 'stage_summaries' | 'assessment_results' | 'assessment_warnings' | 'assessment_sources', id: string) =>
        Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('assessment_id', '=', id).executeTakeFirstOrThrow()).n);
      for (const a of assessments) {
        expect(await count('stage_summaries', a.id), a.id).toBe(1);
        const summary = await store.db.selectFrom('stage_summaries').select(['teams', 'repositories']).where('assessment_id', '=', a.id).executeTakeFirstOrThrow();
        expect(JSON.parse(summary.repositories).length, a.id).toBe(Number(a.repository_count));
        expect(JSON.parse(summary.teams).length, a.id).toBe(Number(a.team_count));
        expect(await count('assessment_results', a.id), a.id).toBe(Number(a.repository_count) + Number(a.cluster_count));
        expect(await count('assessment_warnings', a.id), a.id).toBe(Number(a.warning_count));
        expect(await count('assessment_sources', a.id), a.id).toBe(Number(a.repository_count) + Number(a.cluster_count));
        const detections = await store.db
          .selectFrom('assessment_results')
          .innerJoin('result_detections', 'result_detections.hash', 'assessment_results.hash')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('assessment_results.assessment_id', '=', a.id)
          .executeTakeFirstOrThrow();
        expect(Number(detections.n), a.id).toBe(Number(a.detection_count));
        // The report opens whole again: its skeleton and every part it names.
        const stored = await getAssessment(store, a.id);
        expect(stored?.report.stage, a.id).toBe(Number(a.stage));
        expect(stored?.report.repositories.length, a.id).toBe(Number(a.repository_count));
      }
      // No row of an assessment that is not there, no part named that is not stored.
      for (const table of ['stage_summaries', 'capability_statuses', 'assessment_results', 'assessment_warnings', 'assessment_sources'] as const) {
        const orphans = await store.db
          .selectFrom(table)
          .select('assessment_id')
          .where('assessment_id', 'not in', store.db.selectFrom('assessments').select('id'))
          .execute();
        expect(orphans, table).toEqual([]);
      }
      const missing = await store.db.selectFrom('assessment_results').select('hash').where('hash', 'not in', store.db.selectFrom('source_results').select('hash')).execute();
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
