// `npm run bench:shards`: a sharded scan of 2,000 generated git repositories in 8 shards against a
// PostgreSQL server (K8S_MATURITY_BENCH_PG, else K8S_MATURITY_TEST_PG, else the local test server
// postgres://postgres@127.0.0.1:55432/postgres): each shard's throughput, the merge's time and
// the database's size. Prints a Markdown table for docs/scale.md.
//
// The 8 shards run at once on this machine, as 8 pods of an Indexed Job would on 8 nodes: on a
// 2-core machine they share the cores, so the per-shard figures are what one core gives a shard.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateSmallRepositories } from './generate-small-repos.mjs';

const root = new URL('..', import.meta.url).pathname;
const CLI = join(root, 'bin', 'k8s-maturity.cjs');
const REPOSITORIES = Number(process.env.BENCH_REPOSITORIES ?? 2000);
const SHARDS = Number(process.env.BENCH_SHARDS ?? 8);
const server = process.env.K8S_MATURITY_BENCH_PG ?? process.env.K8S_MATURITY_TEST_PG ?? 'postgres://postgres@127.0.0.1:55432/postgres';

const work = mkdtempSync(join(tmpdir(), 'k8sm-bench-shards-'));
const env = { ...process.env, XDG_CACHE_HOME: join(work, 'cache'), XDG_DATA_HOME: join(work, 'data'), XDG_STATE_HOME: join(work, 'state'), K8S_MATURITY_STORE: '' };

function run(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('node', [CLI, ...args], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - started, stderr }) : reject(new Error(`${args[0]} exited ${code}: ${stderr}`))));
  });
}

// A database of its own, dropped at the end. The server is shared with other test runs, which
// may end idle connections: each statement on the server gets a connection of its own.
const name = `k8sm_bench_${Date.now()}`;
async function onServer(statement) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
await onServer(`create database ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const store = url.toString();

try {
  let started = performance.now();
  const paths = (await generateSmallRepositories(join(work, 'repos'), REPOSITORIES)).map((p) => p.slice(work.length + 1));
  const generateMs = performance.now() - started;
  // The repository list goes in a configuration (2,000 paths would be a long command line).
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(work, 'org.yaml'), `organization: bench\nrepositories:\n${paths.map((p) => `  - ${p}\n`).join('')}`);

  started = performance.now();
  const shards = await Promise.all(Array.from({ length: SHARDS }, (_, i) => run(['scan', '--config', 'org.yaml', '--shard', `${i}/${SHARDS}`, '--run', 'bench', '--store', store, '--quiet'])));
  const wallMs = performance.now() - started;
  const db = new pg.Client({ connectionString: store });
  db.on('error', () => undefined); // a connection ended by the server: the next query says so
  await db.connect();
  const perShard = (await db.query("select shard_index, count(*) as n from shard_results where run_id = 'bench' group by shard_index order by shard_index")).rows.map((r) => Number(r.n));

  const merge = await run(['merge', '--run', 'bench', '--config', 'org.yaml', '--store', store, '--format', 'json', '--quiet']);
  const size = Number((await db.query('select pg_database_size(current_database()) as bytes')).rows[0].bytes);
  const results = Number((await db.query("select sum(length(result_gzip)) as bytes from shard_results where run_id = 'bench'")).rows[0].bytes);
  // The merged report as stored: its skeleton and its parts (brotli), and the JSON they make.
  const stored = (
    await db.query(
      "select a.report_bytes as json, length(a.report) + (select coalesce(sum(length(s.body)), 0) from assessment_results r join source_results s on s.hash = r.hash where r.assessment_id = a.id) as stored from assessments a where kind = 'merged'",
    )
  ).rows[0];
  await db.end();

  const rows = [
    ['machine', `${availableParallelism()} cores, load average at start ${(await import('node:os')).loadavg()[0].toFixed(1)}`],
    ['repositories generated (fast-import)', `${REPOSITORIES} in ${(generateMs / 1000).toFixed(1)} s`],
    ['shards at once', `${SHARDS} (repositories per shard: ${perShard.join(', ')})`],
    ['all shards, wall time', `${(wallMs / 1000).toFixed(1)} s (${(REPOSITORIES / (wallMs / 1000)).toFixed(1)} repositories/s in all)`],
    ...shards.map((s, i) => [`shard ${i}/${SHARDS}`, `${(s.ms / 1000).toFixed(1)} s, ${(perShard[i] / (s.ms / 1000)).toFixed(1)} repositories/s`]),
    [`merge (whole CLI: read ${REPOSITORIES} results, assess, JSON, record)`, `${(merge.ms / 1000).toFixed(1)} s`],
    ['shard results (gzip JSON)', `${(results / 1024 / 1024).toFixed(1)} MB (${(results / REPOSITORIES / 1024).toFixed(1)} kB per repository)`],
    ['merged report as recorded (brotli skeleton and parts)', `${(Number(stored.stored) / 1024 / 1024).toFixed(1)} MB (of ${(Number(stored.json) / 1024 / 1024).toFixed(1)} MB of JSON)`],
    ['database size after the run', `${(size / 1024 / 1024).toFixed(1)} MB`],
  ];
  console.log('| Measure | Figure |\n|---|---|');
  for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);
} finally {
  await onServer(`drop database if exists ${name} with (force)`).catch(() => undefined);
}
