// `node bench/compare-cli.mjs <other bin/k8s-maturity.cjs>`: this checkout's CLI and another
// build (e.g. main, built in a copy) side by side on the generated 10,000-file repository,
// --no-cache, alternating runs. Compares CPU time (user + system, from /usr/bin/time), which a
// shared machine's load disturbs far less than wall time, and checks the JSON reports are equal.
// RUNS (default 9) alternations; prints best and median of each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMonorepo } from './generate.mjs';

const other = process.argv[2];
if (!other) {
  console.error('usage: node bench/compare-cli.mjs <path to another bin/k8s-maturity.cjs>');
  process.exit(2);
}
const mono = mkdtempSync(join(tmpdir(), 'k8sm-compare-'));
generateMonorepo(mono);
const clis = { other, this: new URL('../bin/k8s-maturity.cjs', import.meta.url).pathname };
const times = { other: [], this: [] };
const reports = {};
const runs = Number(process.env.RUNS ?? 9);
for (let i = 0; i < runs; i++) {
  for (const name of i % 2 ? ['this', 'other'] : ['other', 'this']) {
    const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', 'node', clis[name], 'scan', mono, '--no-cache', '--quiet', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
    times[name].push((Number(m[1]) + Number(m[2])) * 1000);
    const report = JSON.parse(r.stdout);
    delete report.generatedAt;
    reports[name] = JSON.stringify(report);
  }
}
const stat = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return { bestMs: Math.round(s[0]), medianMs: Math.round(s[Math.floor(s.length / 2)]) };
};
console.log(JSON.stringify({ other: stat(times.other), this: stat(times.this), identicalJson: reports.other === reports.this }));
