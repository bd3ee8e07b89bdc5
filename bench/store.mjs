// `npm run bench:store`: the store's targets (docs/store.md) on a generated organization of 200
// repositories: what `scan --save` adds to a scan, how long `history` and `diff` take over a year of
// daily assessments (365), and how much the store grows per assessment. Prints a Markdown table.
//
// The year is recorded through the store's own API from one real report of the generated
// organization, with stages moving a little from day to day (a real year would take 365 scans).
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { generateRepository } from './generate.mjs';
import { measure } from './measure.mjs';

const root = new URL('..', import.meta.url).pathname;
const CLI = join(root, 'bin', 'k8s-maturity.cjs');
const { parseStoreUrl } = await import(`${root}dist/store/location.js`);
const { openStore } = await import(`${root}dist/store/open.js`);
const { recordAssessment } = await import(`${root}dist/store/record.js`);
const { stageSeries } = await import(`${root}dist/store/queries.js`);

const work = mkdtempSync(join(tmpdir(), 'k8sm-bench-store-'));
const env = { XDG_CACHE_HOME: join(work, 'cache'), XDG_DATA_HOME: join(work, 'data'), XDG_STATE_HOME: join(work, 'state'), K8S_MATURITY_STORE: '' };
const rows = [];
try {
  const org = join(work, 'org');
  const paths = [];
  for (let i = 0; i < 200; i++) {
    const shape = i % 20 === 0 ? 'platform' : i % 20 === 1 ? 'charts' : 'service';
    const dir = join(org, `repo-${String(i).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    generateRepository(dir, shape, i);
    paths.push(dir);
  }
  const scanArgs = ['node', CLI, 'scan', ...paths, '--format', 'json', '--quiet', '--no-history'];
  // Alternate plain and saving scans so that both see the same machine load.
  const plain = [];
  const saving = [];
  const storeFile = join(work, 'save.db');
  for (let i = 0; i < 5; i++) {
    plain.push(measure(scanArgs, { env, runs: 1 }).ms);
    saving.push(measure([...scanArgs, '--save', '--store', `sqlite:${storeFile}`], { env, runs: 1 }).ms);
  }
  const best = (list) => Math.min(...list);
  const report = measure(scanArgs, { env, runs: 1 }).stdout;
  rows.push(['scan of 200 repositories (cache warm), best of 5', `${best(plain).toFixed(0)} ms`, '']);
  rows.push(['the same with `--save` (SQLite), best of 5', `${best(saving).toFixed(0)} ms`, `+${(((best(saving) - best(plain)) / best(plain)) * 100).toFixed(1)}% (target < 5%)`]);

  // Recording alone, in one process: the rows, the compressed report, one transaction.
  const base = JSON.parse(report);
  const location = parseStoreUrl(`sqlite:${join(work, 'year.db')}`);
  const store = await openStore(location);
  const start = Date.UTC(2026, 0, 1);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const recordTimes = [];
  for (let day = 0; day < 365; day++) {
    const copy = structuredClone(base);
    for (const repo of copy.repositories) if (random() < 0.05) repo.stage = Math.max(0, Math.min(5, repo.stage + (random() < 0.5 ? -1 : 1)));
    copy.stage = Math.min(...copy.repositories.map((r) => r.stage));
    const at = new Date(start + day * 86_400_000);
    copy.generatedAt = at.toISOString();
    const text = `${JSON.stringify(copy, null, 2)}\n`;
    const facts = { id: `${at.toISOString().slice(0, 10).replace(/-/g, '')}-060000-${String(day).padStart(6, '0')}`, at: at.toISOString(), kind: 'scan', ranBy: { user: 'bench' }, sources: copy.repositories.map((r) => ({ kind: 'repository', name: r.path, commit: 'f'.repeat(40) })) };
    const t0 = process.hrtime.bigint();
    await recordAssessment(store, copy, text, facts);
    recordTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const t0 = process.hrtime.bigint();
  const series = await stageSeries(store, {});
  const seriesMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const { sql } = await import('kysely');
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
  await store.close();
  const bytes = statSync(location.path).size;
  recordTimes.sort((a, b) => a - b);
  rows.push(['recording one assessment (API: rows + gzip + transaction), median of 365', `${recordTimes[182].toFixed(0)} ms`, `report ${(Buffer.byteLength(report) / 1e6).toFixed(1)} MB uncompressed`]);
  rows.push(['store size after 365 assessments', `${(bytes / 1e6).toFixed(1)} MB`, `${(bytes / 365 / 1e6).toFixed(2)} MB per assessment (target < 1 MB)`]);
  rows.push([`history over the year, in process (stageSeries: ${series.length} points × 200 repositories)`, `${seriesMs.toFixed(0)} ms`, '']);
  const storeArg = ['--store', `sqlite:${location.path}`];
  const history = measure(['node', CLI, 'history', ...storeArg, '--format', 'json'], { env, runs: 5 });
  rows.push(['`history --format json` over the year (whole CLI), best of 5', `${history.ms.toFixed(0)} ms`, 'target < 300 ms']);
  const table = measure(['node', CLI, 'history', ...storeArg, '--format', 'table'], { env, runs: 5 });
  rows.push(['`history --format table` over the year (whole CLI), best of 5', `${table.ms.toFixed(0)} ms`, '']);
  const repo = measure(['node', CLI, 'history', ...storeArg, '--repo', paths[5], '--format', 'json'], { env, runs: 5 });
  rows.push(['`history --repo R` over the year (whole CLI), best of 5', `${repo.ms.toFixed(0)} ms`, '']);
  const diff = measure(['node', CLI, 'diff', ...storeArg, '--format', 'json'], { env, runs: 5 });
  rows.push(['`diff` of the last two (whole CLI), best of 5', `${diff.ms.toFixed(0)} ms`, '']);
  const older = measure(['node', CLI, 'diff', '2026-01-01', '2026-12-31', ...storeArg, '--format', 'json'], { env, runs: 5 });
  rows.push(['`diff 2026-01-01 2026-12-31` (a year apart), best of 5', `${older.ms.toFixed(0)} ms`, '']);
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`By \`npm run bench:store\` (bench/store.mjs) on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}.\n`);
console.log('| Measure | Time or size | Note |\n|---|---|---|');
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
