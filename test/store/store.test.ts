import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkReport, type ReportShape } from '../../src/diff/report-shape.js';
import { migrate, openStore, schemaVersion, writeTransaction, type Store } from '../../src/store/open.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/store/migrations/index.js';
import { diffAssessments, getAssessment, listAssessments, pruneAssessments, resolveAssessment, stageSeries } from '../../src/store/queries.js';
import { recordAssessment } from '../../src/store/record.js';
import type { RunFacts } from '../../src/store/run-facts.js';
import { enginesToTest, freshStore } from './engines.js';
import { recordSchema2Assessment } from './old-layout.js';
import { CLI, exampleReportText, homeEnv, tempHome } from './example.js';

/** Runs the CLI; resolves to its exit code and what it wrote on stderr (shown when a test fails). */
function cliAsync(args: string[], home: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [CLI, ...args], { env: { ...process.env, ...homeEnv(home), K8S_MATURITY_STORE: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

let baseText: string;
let base: ReportShape;
beforeAll(() => {
  baseText = exampleReportText();
  base = checkReport(JSON.parse(baseText), 'example');
});

function facts(id: string, at: string, extra: Partial<RunFacts> = {}): RunFacts {
  return { id, at, kind: 'scan', ranBy: { user: 'ci', host: 'runner-1', ciSystem: 'github-actions', ciRunId: '42' }, sources: [{ kind: 'repository', name: 'examples/acme/payments-api', commit: 'a'.repeat(40) }], ...extra };
}

/** The example report with payments-api at `stage` (and its team with it). */
function withPaymentsStage(stage: number): { report: ReportShape; text: string } {
  const report = structuredClone(base);
  for (const r of report.repositories) if (r.path.endsWith('payments-api')) r.stage = stage;
  for (const t of report.teams) if (t.name === 'payments') t.stage = stage;
  return { report, text: `${JSON.stringify(report, null, 2)}\n` };
}

const ANTI_PATTERNS = [{ id: 'static-secrets', name: 'Plaintext Secrets in git' }];

describe.each(enginesToTest())('the store on %s', (engine) => {
  const open: Store[] = [];
  const fresh = async () => {
    const store = await openStore(await freshStore(engine));
    open.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  it('runs every migration on open, once, recording each version', async () => {
    const location = await freshStore(engine);
    const first = await openStore(location);
    expect(await schemaVersion(first.db)).toBe(LATEST_SCHEMA_VERSION);
    await first.close();
    const again = await openStore(location);
    open.push(again);
    const versions = await again.db.selectFrom('store_schema_versions').select(['version', 'name']).orderBy('version').execute();
    expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('upgrades a store made at schema 1 to the latest, keeping its assessments', async () => {
    const location = await freshStore(engine);
    // Only migration 1, as the first release left a store.
    const old = await openStore(location, { upTo: 1 });
    expect(await schemaVersion(old.db)).toBe(1);
    await recordSchema2Assessment(old.db, base, baseText, '20260101-000000-aaaaaa', '2026-01-01T00:00:00.000Z');
    await old.close();
    const again = await openStore(location);
    open.push(again);
    expect(await schemaVersion(again.db)).toBe(LATEST_SCHEMA_VERSION);
    expect((await listAssessments(again)).map((a) => a.id)).toEqual(['20260101-000000-aaaaaa']);
    await again.db.insertInto('shard_results').values({ run_id: 'r1', repository: 'a', shard_index: 0, shard_count: 2, recorded_at: 'x', result_gzip: Buffer.from('x') }).execute();
    expect((await getAssessment(again, '20260101-000000-aaaaaa'))?.report).toEqual(base);
  });

  it('upgrades a store made at schema 2: gzip reports become shared parts, their detections and repository capabilities move with them', async () => {
    const location = await freshStore(engine);
    const old = await openStore(location, { upTo: 2 });
    const three = withPaymentsStage(3);
    await recordSchema2Assessment(old.db, three.report, three.text, '20260101-000000-aaaaaa', '2026-01-01T00:00:00.000Z');
    await recordSchema2Assessment(old.db, base, baseText, '20260102-000000-bbbbbb', '2026-01-02T00:00:00.000Z');
    const oldDetections = await old.db.selectFrom('detections' as never).select(['source', 'signal', 'evidence_count'] as never).where('assessment_id' as never, '=', '20260102-000000-bbbbbb' as never).execute();
    await old.close();

    const store = await openStore(location);
    open.push(store);
    expect(await schemaVersion(store.db)).toBe(LATEST_SCHEMA_VERSION);
    expect((await getAssessment(store, '20260101-000000-aaaaaa'))?.report).toEqual(three.report);
    expect((await getAssessment(store, '20260102-000000-bbbbbb'))?.report).toEqual(base);
    // Two assessments a change apart: the unchanged sections are stored once.
    const parts = Number((await store.db.selectFrom('source_results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(parts).toBe(base.repositories.length + (base.clusters ?? []).length + 1);
    const detections = await store.db
      .selectFrom('assessment_results')
      .innerJoin('result_detections', 'result_detections.hash', 'assessment_results.hash')
      .select(['assessment_results.source as source', 'result_detections.signal as signal', 'result_detections.evidence_count as evidence_count'])
      .where('assessment_results.assessment_id', '=', '20260102-000000-bbbbbb')
      .execute();
    const key = (d: { source: string; signal: string; evidence_count: number }) => `${d.source} ${d.signal} ${Number(d.evidence_count)}`;
    expect(detections.map(key).sort()).toEqual((oldDetections as { source: string; signal: string; evidence_count: number }[]).map(key).sort());
    const repositoryScoped = await store.db.selectFrom('capability_statuses').select('scope').where('scope', 'like', 'repository:%').execute();
    expect(repositoryScoped).toEqual([]);
    const history = await stageSeries(store, { repository: 'examples/acme/payments-api' });
    expect(history.map((p) => p.repositories[0]!.stage)).toEqual([3, 4]);
    await expect(store.db.selectFrom('detections' as never).selectAll().execute()).rejects.toThrow();
  });

  it('applies a migration that landed after a later one (3 after 4), not only those above the highest', async () => {
    const location = await freshStore(engine);
    const old = await openStore(location, { upTo: 2 });
    const four = MIGRATIONS.find((m) => m.version === 4)!;
    await four.up(old.db, old.engine);
    await old.db.insertInto('store_schema_versions').values({ version: 4, name: four.name, applied_at: 'x' }).execute();
    await old.close();
    const store = await openStore(location);
    open.push(store);
    const versions = await store.db.selectFrom('store_schema_versions').select('version').orderBy('version').execute();
    expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((m) => m.version));
    const f = facts('20260105-000000-eeeeee', '2026-01-05T00:00:00.000Z');
    await recordAssessment(store, base, baseText, f);
    expect((await getAssessment(store, f.id))?.report).toEqual(base);
  });

  it('refuses a store written by a newer release, naming the versions', async () => {
    const store = await fresh();
    await store.db.insertInto('store_schema_versions').values({ version: 99, name: 'from the future', applied_at: 'x' }).execute();
    await expect(migrate(store)).rejects.toThrow(`schema 99, newer than this k8s-maturity knows (${LATEST_SCHEMA_VERSION})`);
  });

  it('records an assessment whole: summary, sources, stages, capabilities, detections, warnings and the report', async () => {
    const store = await fresh();
    const outcome = await recordAssessment(store, base, baseText, facts('20260102-000000-bbbbbb', '2026-01-02T00:00:00.000Z', { durationMs: 812, configHash: 'c'.repeat(64), model: { name: 'default', version: 1, hash: 'd'.repeat(64) } }));
    expect(outcome).toEqual({ id: '20260102-000000-bbbbbb', recorded: true });
    const stored = await getAssessment(store, '20260102-000000-bbbbbb');
    expect(stored?.summary).toMatchObject({
      at: '2026-01-02T00:00:00.000Z',
      kind: 'scan',
      organization: 'acme',
      stage: base.stage,
      durationMs: 812,
      configHash: 'c'.repeat(64),
      model: { name: 'default', version: 1, hash: 'd'.repeat(64) },
      ranBy: { user: 'ci', host: 'runner-1', ciSystem: 'github-actions', ciRunId: '42' },
      counts: { repositories: 3, teams: 3, clusters: 1 },
    });
    expect(stored?.sources).toEqual([{ kind: 'repository', name: 'examples/acme/payments-api', commit: 'a'.repeat(40) }]);
    expect(stored?.report).toEqual(JSON.parse(baseText));
    const caps = await store.db.selectFrom('capability_statuses').select(['scope', 'capability', 'status']).where('assessment_id', '=', outcome.id).execute();
    expect(caps.some((c) => c.scope === 'organization')).toBe(true);
    expect(caps.some((c) => c.scope === 'team:payments')).toBe(true);
    // A repository's capabilities and detections are kept with its part of the report.
    const parts = await store.db.selectFrom('assessment_results').select(['source', 'hash']).where('assessment_id', '=', outcome.id).orderBy('position').execute();
    expect(parts.map((p) => p.source)).toEqual([...base.repositories.map((r) => `repository:${r.path}`), ...(base.clusters ?? []).map((c) => `cluster:${c.name}`)]);
    const hashOf = (source: string) => parts.find((p) => p.source === source)!.hash;
    const webCaps = await store.db.selectFrom('result_capabilities').select(['capability', 'status']).where('hash', '=', hashOf('repository:examples/acme/storefront-web')).execute();
    expect(webCaps).toContainEqual({ capability: 'tracing', status: 'missing' });
    const helm = await store.db.selectFrom('result_detections').select(['signal', 'evidence_count']).where('hash', '=', hashOf('repository:examples/acme/payments-api')).where('signal', '=', 'helm').execute();
    expect(helm[0]?.evidence_count).toBeGreaterThan(0);
    const cluster = await store.db.selectFrom('result_detections').select('signal').where('hash', '=', hashOf('cluster:acme-prod.json')).execute();
    expect(cluster.length).toBeGreaterThan(0);
    expect(stored?.summary.counts.detections).toBe(base.repositories.reduce((n, r) => n + new Set(r.detections.map((d) => d.id)).size, 0) + (base.clusters ?? []).reduce((n, c) => n + new Set(c.detections.map((d) => d.id)).size, 0));
  });

  it('keeps a repository part once however many assessments hold it, and prunes it with the last', async () => {
    const store = await fresh();
    const four = withPaymentsStage(4);
    const three = withPaymentsStage(3);
    await recordAssessment(store, four.report, four.text, facts('20260105-000000-000001', '2026-01-05T00:00:00.000Z'));
    const count = async () => Number((await store.db.selectFrom('source_results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const first = await count();
    expect(first).toBe(base.repositories.length + (base.clusters ?? []).length);
    await recordAssessment(store, four.report, four.text, facts('20260106-000000-000002', '2026-01-06T00:00:00.000Z'));
    expect(await count()).toBe(first); // nothing changed: no new part
    await recordAssessment(store, three.report, three.text, facts('20260107-000000-000003', '2026-01-07T00:00:00.000Z'));
    expect(await count()).toBe(first + 1); // payments-api moved: its part only
    expect((await getAssessment(store, '20260106-000000-000002'))?.report).toEqual(four.report);
    expect((await getAssessment(store, '20260107-000000-000003'))?.report).toEqual(three.report);
    expect(await pruneAssessments(store, { keepNewest: 1 })).toBe(2);
    expect(await count()).toBe(first); // the stage-4 payments-api part went with the last assessment holding it
    expect((await getAssessment(store, '20260107-000000-000003'))?.report).toEqual(three.report);
    const orphanDetections = await store.db.selectFrom('result_detections').select('hash').where('hash', 'not in', store.db.selectFrom('source_results').select('hash')).execute();
    expect(orphanDetections).toEqual([]);
  });

  it('records the same id once (a spool file pushed twice)', async () => {
    const store = await fresh();
    const f = facts('20260103-000000-cccccc', '2026-01-03T00:00:00.000Z');
    await recordAssessment(store, base, baseText, f);
    expect(await recordAssessment(store, base, baseText, f)).toEqual({ id: f.id, recorded: false, reason: 'already recorded' });
    expect(await listAssessments(store)).toHaveLength(1);
  });

  it('leaves nothing of an assessment whose transaction failed half-way', async () => {
    const store = await fresh();
    const f = facts('20260104-000000-dddddd', '2026-01-04T00:00:00.000Z');
    await expect(
      writeTransaction(store, async (trx) => {
        await trx.insertInto('stage_summaries').values({ assessment_id: 'nobody', teams: '[]', repositories: '[]' }).execute();
      }),
    ).rejects.toThrow(); // a foreign key to no assessment: the whole transaction goes
    await recordAssessment(store, base, baseText, f);
    const orphans = await store.db.selectFrom('stage_summaries').select('assessment_id').where('assessment_id', '=', 'nobody').execute();
    expect(orphans).toEqual([]);
  });

  it('lands two assessments recorded at once by two processes', async () => {
    const location = await freshStore(engine);
    const home = tempHome();
    const files = [3, 4].map((stage) => {
      const file = join(home, `report-${stage}.json`);
      writeFileSync(file, withPaymentsStage(stage).text);
      return file;
    });
    const url = location.engine === 'sqlite' ? `sqlite:${location.path}` : location.url;
    const runs = await Promise.all(files.map((file) => cliAsync(['store', 'push', file, '--store', url], home)));
    expect(runs.map((r) => (r.code === 0 ? 0 : `${r.code}: ${r.stderr}`))).toEqual([0, 0]);
    const store = await openStore(location);
    open.push(store);
    const stages = (await stageSeries(store, { repository: 'examples/acme/payments-api' })).map((p) => p.repositories[0]!.stage);
    expect(stages.sort()).toEqual([3, 4]);
    const rows = await stageSeries(store, {});
    expect(rows.flatMap((p) => p.repositories)).toHaveLength(6);
  });

  it('answers history oldest first, per team and per repository, and resolves ids, prefixes and dates', async () => {
    const store = await fresh();
    const three = withPaymentsStage(3);
    await recordAssessment(store, three.report, three.text, facts('20260110-090000-000001', '2026-01-10T09:00:00.000Z'));
    await recordAssessment(store, base, baseText, facts('20260111-090000-000002', '2026-01-11T09:00:00.000Z'));
    await recordAssessment(store, base, baseText, facts('20260112-090000-000003', '2026-01-12T09:00:00.000Z', { kind: 'backfilled' }));
    const series = await stageSeries(store, { repository: 'examples/acme/payments-api' });
    expect(series.map((p) => [p.id, p.kind, p.repositories.map((r) => r.stage)])).toEqual([
      ['20260110-090000-000001', 'scan', [3]],
      ['20260111-090000-000002', 'scan', [4]],
      ['20260112-090000-000003', 'backfilled', [4]],
    ]);
    const team = await stageSeries(store, { team: 'payments', since: '2026-01-11T00:00:00.000Z' });
    expect(team.map((p) => p.teams)).toEqual([[{ name: 'payments', stage: 4 }], [{ name: 'payments', stage: 4 }]]);
    expect(team[0]!.repositories.map((r) => r.path)).toEqual(['examples/acme/payments-api']);
    expect((await resolveAssessment(store, '2026-01-11')).id).toBe('20260111-090000-000002');
    expect((await resolveAssessment(store, '20260110')).id).toBe('20260110-090000-000001');
    expect((await resolveAssessment(store, 'latest')).id).toBe('20260112-090000-000003');
    await expect(resolveAssessment(store, '202601')).rejects.toThrow(/more than one/);
    await expect(resolveAssessment(store, '2025-12-31')).rejects.toThrow(/no assessment recorded on or before/);
    const diff = await diffAssessments(store, '20260110-090000-000001', '20260111-090000-000002', ANTI_PATTERNS);
    expect(diff.repositories.find((r) => r.path.endsWith('payments-api'))?.stage).toEqual({ from: 3, to: 4 });
    expect(diff.from).toEqual({ id: '20260110-090000-000001', at: '2026-01-10T09:00:00.000Z' });
  });

  it('prunes by age and by count, with every row of what it removes', async () => {
    const store = await fresh();
    for (const day of [1, 2, 3, 4]) await recordAssessment(store, base, baseText, facts(`2026020${day}-000000-00000${day}`, `2026-02-0${day}T00:00:00.000Z`));
    expect(await pruneAssessments(store, { olderThanDays: 2 }, new Date('2026-02-04T12:00:00.000Z'))).toBe(2);
    expect((await listAssessments(store, { order: 'asc' })).map((a) => a.at.slice(0, 10))).toEqual(['2026-02-03', '2026-02-04']);
    expect(await pruneAssessments(store, { keepNewest: 1 })).toBe(1);
    expect((await listAssessments(store)).map((a) => a.at.slice(0, 10))).toEqual(['2026-02-04']);
    for (const table of ['stage_summaries', 'capability_statuses', 'assessment_results', 'assessment_sources'] as const) {
      const left = await store.db.selectFrom(table).select('assessment_id').distinct().execute();
      expect(left.map((r) => r.assessment_id), table).toEqual(['20260204-000000-000004']);
    }
  });
});
