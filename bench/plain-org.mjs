// `node bench/plain-org.mjs [<other bin/k8s-maturity.cjs>]`: the organization of bench/run.mjs
// (200 repositories, ~100,000 files) twice, as git repositories and as plain folders (no .git),
// each rescanned with nothing changed (warm scan cache, listing kept), alternating runs. With
// another build (e.g. main, built in a copy), both builds side by side on both organizations.
// Prints the best and median wall time of each. RUNS (default 5) alternations.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRepository } from './generate.mjs';

const work = mkdtempSync(join(tmpdir(), 'k8sm-plain-org-'));
const clis = { this: new URL('../bin/k8s-maturity.cjs', import.meta.url).pathname, ...(process.argv[2] ? { other: process.argv[2] } : {}) };
const orgs = {};
for (const kind of ['git', 'plain']) {
  orgs[kind] = [];
  for (let i = 0; i < 200; i++) {
    const shape = i % 20 === 0 ? 'platform' : i % 20 === 1 ? 'charts' : 'service';
    const dir = join(work, kind, `repo-${String(i).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    generateRepository(dir, shape, i, { git: kind === 'git' });
    orgs[kind].push(dir);
  }
}
// Identities younger than two seconds are never kept in a stored listing.
await new Promise((resolve) => setTimeout(resolve, 2_500));
const runs = Number(process.env.RUNS ?? 5);
const times = {};
const scan = (cli, kind) => {
  const env = { ...process.env, XDG_CACHE_HOME: join(work, `cache-${cli}-${kind}`) };
  const started = process.hrtime.bigint();
  const r = spawnSync('node', [clis[cli], 'scan', ...orgs[kind], '--format', 'json', '--quiet'], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cli} ${kind}: exit ${r.status}\n${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};
// Two untimed scans first: the first fills the cache, the second is the first rescan.
for (const cli of Object.keys(clis)) for (const kind of ['git', 'plain']) for (let i = 0; i < 2; i++) scan(cli, kind);
for (let i = 0; i < runs; i++) {
  for (const cli of i % 2 ? Object.keys(clis).reverse() : Object.keys(clis)) {
    for (const kind of i % 2 ? ['plain', 'git'] : ['git', 'plain']) (times[`${cli} ${kind}`] ??= []).push(scan(cli, kind));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(12)} best ${(Math.min(...xs) / 1000).toFixed(2)} s  median ${(median(xs) / 1000).toFixed(2)} s`);
for (const cli of Object.keys(clis)) console.log(`${cli}: plain / git (medians) = ${(median(times[`${cli} plain`]) / median(times[`${cli} git`])).toFixed(2)}×`);
rmSync(work, { recursive: true, force: true });
