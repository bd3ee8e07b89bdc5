/* global Request */
// `npm run bench:serve`: how long the dashboard takes to answer, server-side, on a store holding a
// year of daily assessments of a 200-repository organization (target: every page under 100 ms).
// The store is SQLite (BENCH_STORE=postgres://… for PostgreSQL); the pages are asked of the app
// in this process (app.fetch), so the figures are the server's own time, without a network.
// BENCH_DAYS (default 365), BENCH_REPOS (default 200), BENCH_RUNS (default 20, median kept).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../dist/store/open.js';
import { parseStoreUrl } from '../dist/store/location.js';
import { recordAssessment } from '../dist/store/record.js';
import { createApp } from '../dist/server/app.js';

const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const REPOS = Number(process.env.BENCH_REPOS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TEAMS = 10;
const CAPABILITIES = Array.from({ length: 27 }, (_, i) => ({ id: `capability-${i}`, stage: 1 + Math.floor(i / 6), name: `Capability ${i}`, scope: i % 2 ? 'service' : 'platform', required: true }));

function report(day) {
  const stage = 1 + Math.floor((day / DAYS) * 3);
  const status = (c) => (c.stage <= stage ? 'met' : c.stage === stage + 1 ? 'partial' : 'missing');
  const caps = CAPABILITIES.map((c) => ({ ...c, status: status(c), evidence: [{ repository: 'repo-0', file: 'terraform/main.tf', line: 3 }] }));
  const repositories = Array.from({ length: REPOS }, (_, i) => ({
    path: `repo-${i}`,
    kind: i % 5 === 0 ? 'platform' : 'service',
    stage: Math.max(0, stage - (i % 3 === 0 ? 1 : 0)),
    detections: [
      { id: 'docker', evidence: [{ file: 'Dockerfile', line: 1 }] },
      { id: 'helm', evidence: [{ file: 'deploy/chart/Chart.yaml', line: 1 }] },
      { id: 'github-actions', evidence: [{ file: '.github/workflows/ci.yml', line: 12 }] },
    ],
  }));
  const teams = Array.from({ length: TEAMS }, (_, t) => ({ name: `team-${t}`, stage, repositories: repositories.filter((_, i) => i % TEAMS === t).map((r) => r.path), capabilities: caps }));
  return { schemaVersion: 1, organization: 'bench', stage, stageProvisional: false, repositories, clusters: [], capabilities: caps, teams, roadmap: [], toVerify: [], warnings: [] };
}

const work = mkdtempSync(join(tmpdir(), 'k8sm-bench-serve-'));
const location = parseStoreUrl(process.env.BENCH_STORE ?? `sqlite:${join(work, 'store.db')}`);
const store = await openStore(location);
try {
  const start = Date.UTC(2026, 0, 1);
  let recordMs = 0;
  for (let day = 0; day < DAYS; day++) {
    const r = report(day);
    const text = JSON.stringify(r);
    const at = new Date(start + day * 86_400_000).toISOString();
    const t = performance.now();
    await recordAssessment(store, r, text, { id: `bench-${String(day).padStart(4, '0')}`, at, kind: 'scan', ranBy: {}, sources: [] });
    recordMs += performance.now() - t;
  }
  const app = createApp({ store, antiPatterns: [{ id: 'static-secrets', name: 'Plaintext Secrets' }] });
  const pages = ['/', '/?since=all', '/teams/team-3', '/repositories/repo-42', '/changes', '/assessments', '/api/organization', '/assessments.csv'];
  const rows = [];
  for (const path of pages) {
    const times = [];
    let bytes = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const t = performance.now();
      const response = await app.fetch(new Request(`http://127.0.0.1${path}`));
      bytes = (await response.arrayBuffer()).byteLength;
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      if (i >= 2) times.push(performance.now() - t); // two warm-up requests
    }
    times.sort((a, b) => a - b);
    rows.push(`| \`${path}\` | ${times[Math.floor(times.length / 2)].toFixed(1)} ms | ${times.at(-1).toFixed(1)} ms | ${(bytes / 1024).toFixed(0)} kB |`);
  }
  console.log(`${location.engine}: ${DAYS} assessments of ${REPOS} repositories recorded in ${(recordMs / 1000).toFixed(1)} s (${(recordMs / DAYS).toFixed(0)} ms each)\n`);
  console.log(['| page | median | slowest | size |', '|---|---|---|---|', ...rows].join('\n'));
} finally {
  await store.close();
  rmSync(work, { recursive: true, force: true });
}
