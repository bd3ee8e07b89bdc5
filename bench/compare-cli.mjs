// `node bench/compare-cli.mjs <other bin/k8s-maturity.cjs>`: this checkout's CLI and another
// build (e.g. main, built in a copy) side by side on the generated trees, alternating runs.
// Compares CPU time (user + system, from /usr/bin/time), which a shared machine's load disturbs
// far less than wall time, and wall time, and checks the JSON reports are equal.
// RUNS (default 9) alternations; prints best and median of each.
// CASES: `mono` (default: the 10,000-file repository), `org` (the 200-repository organization of
// bench/generate.mjs) or `mono,org`.
// MODE: `no-cache` (default: --no-cache) or `cold` (the scan cache emptied before each run, the
// launcher's code cache kept: the "cold cache" row of `npm run bench`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMonorepo, generateOrganization } from './generate.mjs';

const other = process.argv[2];
if (!other) {
  console.error('usage: node bench/compare-cli.mjs <path to another bin/k8s-maturity.cjs>');
  process.exit(2);
}
const runs = Number(process.env.RUNS ?? 9);
const cold = process.env.MODE === 'cold';
const work = mkdtempSync(join(tmpdir(), 'k8sm-compare-'));
const clis = { other, this: new URL('../bin/k8s-maturity.cjs', import.meta.url).pathname };

/** The trees of one case, generated once for both builds. */
function trees(name) {
  if (name === 'org') return generateOrganization(join(work, 'org'));
  const mono = join(work, 'mono');
  mkdirSync(mono);
  generateMonorepo(mono);
  return [mono];
}

function run(name, paths) {
  const cacheHome = join(work, `cache-${name}`);
  const args = [clis[name], 'scan', ...paths, '--quiet', '--format', 'json', ...(cold ? [] : ['--no-cache'])];
  if (cold) rmSync(join(cacheHome, 'k8s-maturity', 'scans'), { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', 'node', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, XDG_CACHE_HOME: cacheHome },
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (!m || (r.status !== 0 && r.status !== 1)) throw new Error(`${name} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const report = JSON.parse(r.stdout);
  delete report.generatedAt;
  return { cpuMs: (Number(m[1]) + Number(m[2])) * 1000, wallMs, json: JSON.stringify(report) };
}

const stat = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return { bestMs: Math.round(s[0]), medianMs: Math.round(s[Math.floor(s.length / 2)]) };
};

try {
  for (const name of (process.env.CASES ?? 'mono').split(',')) {
    const paths = trees(name);
    const cpu = { other: [], this: [] };
    const wall = { other: [], this: [] };
    const reports = {};
    // One untimed run each: the launcher's code cache is in place for the timed ones.
    for (const cli of ['other', 'this']) run(cli, paths);
    for (let i = 0; i < runs; i++) {
      for (const cli of i % 2 ? ['this', 'other'] : ['other', 'this']) {
        const r = run(cli, paths);
        cpu[cli].push(r.cpuMs);
        wall[cli].push(r.wallMs);
        reports[cli] = r.json;
      }
    }
    const ratio = (x) => (stat(x.this).medianMs / stat(x.other).medianMs).toFixed(3);
    console.log(
      JSON.stringify({
        case: name,
        mode: cold ? 'cold' : 'no-cache',
        runs,
        cpu: { other: stat(cpu.other), this: stat(cpu.this), medianRatio: ratio(cpu) },
        wall: { other: stat(wall.other), this: stat(wall.this), medianRatio: ratio(wall) },
        identicalJson: reports.other === reports.this,
      }),
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
