// `npm run build && node bench/real.mjs <repository folder>…`: k8s-maturity and the
// @specfy/stack-analyser CLI side by side on real repositories, in the same run. The repositories
// are cloned by whoever measures (e.g. stefanprodan/podinfo, GoogleCloudPlatform/microservices-demo)
// and never committed. Prints a Markdown table: best of BENCH_RUNS (default 5) wall times of the
// whole process, and what each tool found.
//
// k8s-maturity runs with its scan cache off (--no-cache: every file is read and parsed, as on a
// first scan). Its launcher keeps a code cache of its own compiled code (bin/k8s-maturity.cjs): the
// first run of a version fills it, so "first run" is measured with an empty code cache and
// "usual run" with the cache in place. The peer has no such cache (Node 20 offers none to it).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { measure } from './measure.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');
const PEER = join(ROOT, 'node_modules', '@specfy', 'stack-analyser', 'dist', 'cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const repos = process.argv.slice(2);
if (repos.length === 0 || !existsSync(PEER)) {
  process.stderr.write('usage: node bench/real.mjs <repository folder>… (needs `npm ci` for the peer, a dev dependency)\n');
  process.exit(2);
}

/** The best of RUNS runs of `node args…` (bench/measure.mjs). */
const time = (args, options = {}) => measure([process.execPath, ...args], { runs: RUNS, ...options });

const work = mkdtempSync(join(tmpdir(), 'k8sm-real-'));
const codeCache = join(work, 'xdg');
const rows = [];
try {
  for (const repo of repos) {
    const scan = ['scan', repo, '--format', 'json', '--quiet', '--no-cache'];
    const emptyCodeCache = () => rmSync(codeCache, { recursive: true, force: true });
    const first = time([CLI, ...scan], { env: { XDG_CACHE_HOME: codeCache }, before: emptyCodeCache });
    const usual = time([CLI, ...scan], { env: { XDG_CACHE_HOME: codeCache } });
    const peer = time([PEER, repo, '-o', 'peer.json'], { cwd: work }); // -o is taken relative to the working folder
    const report = JSON.parse(usual.stdout);
    const found = report.repositories[0].detections.filter((d) => d.evidence.length > 0).length;
    const peerJson = JSON.parse(readFileSync(join(work, 'peer.json'), 'utf8'));
    const techs = new Set();
    const collect = (node) => {
      for (const t of node.techs ?? []) techs.add(t);
      for (const child of node.childs ?? []) collect(child);
    };
    collect(peerJson);
    rows.push({ repo: basename(repo), first: first.ms, usual: usual.ms, peer: peer.ms, found, stage: report.repositories[0].stage, peerFound: techs.size });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; best of ${RUNS}.\n`);
console.log('| repository | stack-analyser | k8s-maturity, first run | speed-up | k8s-maturity, usual run | speed-up | k8s-maturity found | stack-analyser found |');
console.log('|---|---:|---:|---:|---:|---:|---|---|');
for (const r of rows) {
  console.log(`| ${r.repo} | ${s(r.peer)} | ${s(r.first)} | ${(r.peer / r.first).toFixed(1)}× | ${s(r.usual)} | ${(r.peer / r.usual).toFixed(1)}× | ${r.found} signals with file:line evidence, stage ${r.stage} | ${r.peerFound} technologies, no positions |`);
}
