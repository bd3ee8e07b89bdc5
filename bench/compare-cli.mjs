// `node bench/compare-cli.mjs <other bin/k8s-maturity.cjs>`: this checkout's CLI and another
// build (e.g. main, built in a copy) side by side on the generated 10,000-file repository,
// --no-cache, alternating runs. Compares CPU time (user + system, from /usr/bin/time), which a
// shared machine's load disturbs far less than wall time, and checks the JSON reports are equal.
// RUNS (default 9) alternations; prints best and median of each. Then the same for the
// organization of 200 repositories (ORG_RUNS alternations, default 5; ORG_RUNS=0 skips it), where
// wall time is shown too (worker threads add their CPU time up).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMonorepo, generateOrganization } from './generate.mjs';

const other = process.argv[2];
if (!other) {
  console.error('usage: node bench/compare-cli.mjs <path to another bin/k8s-maturity.cjs>');
  process.exit(2);
}
const clis = { other, this: new URL('../bin/k8s-maturity.cjs', import.meta.url).pathname };
const stat = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return { bestMs: Math.round(s[0]), medianMs: Math.round(s[Math.floor(s.length / 2)]) };
};

/** Alternating --no-cache runs of both builds on `paths`: CPU and wall time, and whether the JSON reports are equal. */
function compare(paths, runs) {
  const cpu = { other: [], this: [] };
  const wall = { other: [], this: [] };
  const reports = {};
  for (let i = 0; i < runs; i++) {
    for (const name of i % 2 ? ['this', 'other'] : ['other', 'this']) {
      const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S %e', 'node', clis[name], 'scan', ...paths, '--no-cache', '--quiet', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const m = /CPU ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
      cpu[name].push((Number(m[1]) + Number(m[2])) * 1000);
      wall[name].push(Number(m[3]) * 1000);
      const report = JSON.parse(r.stdout);
      delete report.generatedAt;
      reports[name] = JSON.stringify(report);
    }
  }
  return { cpu: { other: stat(cpu.other), this: stat(cpu.this) }, wall: { other: stat(wall.other), this: stat(wall.this) }, identicalJson: reports.other === reports.this };
}

const mono = mkdtempSync(join(tmpdir(), 'k8sm-compare-'));
generateMonorepo(mono);
const monoResult = compare([mono], Number(process.env.RUNS ?? 9));
console.log(JSON.stringify({ repository: '10,000 files', other: monoResult.cpu.other, this: monoResult.cpu.this, wall: monoResult.wall, identicalJson: monoResult.identicalJson }));
const orgRuns = Number(process.env.ORG_RUNS ?? 5);
if (orgRuns > 0) {
  const org = generateOrganization(mkdtempSync(join(tmpdir(), 'k8sm-compare-org-')));
  const orgResult = compare(org, orgRuns);
  console.log(JSON.stringify({ organization: '200 repositories', other: orgResult.cpu.other, this: orgResult.cpu.this, wall: orgResult.wall, identicalJson: orgResult.identicalJson }));
}
