// `npm run bench`: generates realistic repositories, then times the CLI against the read floor
// measured in the same run. Prints wall time, files/s, MB/s, peak memory and the ratio, and
// writes docs/performance.md. Speed targets live here, never in unit tests.
//
// Cases per generated tree: the whole CLI with the scan cache off (--no-cache), with an empty
// scan cache (cold: what a first scan costs), the tool's very first run (no code cache either),
// the first rescan with nothing changed (git lists once more, the listing is kept), later
// rescans with a warm cache and nothing changed, the cold scan pinned to one core
// (taskset -c 0), and the @specfy/stack-analyser CLI on the same tree. The cached and uncached reports must be identical (generatedAt aside): asserted here.
// BENCH_RUNS (default 3) runs per case, best kept; BENCH_ORG=0 skips the organization;
// BENCH_WRITE=0 does not rewrite docs/performance.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMonorepo, generateOrganization } from './generate.mjs';
import { measure as measureBest } from './measure.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');
const PEER = join(ROOT, 'node_modules', '@specfy', 'stack-analyser', 'dist', 'cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

const measure = (args, options = {}) => measureBest(args, { runs: RUNS, ...options });

const withoutTime = (json) => {
  const report = JSON.parse(json);
  delete report.generatedAt;
  return JSON.stringify(report);
};

function cases(name, paths, work) {
  const floor = measure(['node', join(ROOT, 'bench', 'read-floor.mjs'), ...paths]);
  const { files, bytes } = JSON.parse(floor.stdout);
  const cacheHome = join(work, `cache-${name.length}-${paths.length}`);
  const env = { XDG_CACHE_HOME: cacheHome };
  // The scan cache only: the launcher's code cache (bin/k8s-maturity.cjs) stays, as it does for
  // anyone who has run the tool once. The first run ever, without it either, is a row of its own.
  const emptyCache = () => rmSync(join(cacheHome, 'k8s-maturity', 'scans'), { recursive: true, force: true });
  const emptyEverything = () => rmSync(cacheHome, { recursive: true, force: true });
  const scan = (...extra) => ['node', CLI, 'scan', ...paths, '--format', 'json', '--quiet', ...extra];
  const rows = [];
  const row = (label, result) => rows.push({ name, label, files, mb: bytes / 1024 / 1024, ms: result.ms, rssMb: result.rssMb, floorMs: floor.ms });

  // One untimed run first: the rows below are a user's usual runs, with the launcher's code cache
  // in place ("first run of the tool" measures without it).
  measure(scan('--no-cache'), { env, runs: 1 });
  const uncached = measure(scan('--no-cache'), { env });
  row('no cache (--no-cache)', uncached);
  const cold = measure(scan(), { env, before: emptyCache });
  row('cold cache (first scan, writes the cache)', cold);
  row('first run of the tool (no scan cache, no code cache)', measure(scan(), { env, before: emptyEverything }));
  // The first rescan lists with git once more and keeps the listing (a walk of every folder) for
  // the next ones: a first scan does not pay for that walk (src/scan/scan-repository.ts).
  const firstScan = () => {
    emptyCache();
    measure(scan(), { env, runs: 1 });
  };
  row('first rescan, nothing changed (keeps the listing)', measure(scan(), { env, before: firstScan }));
  measure(scan(), { env, runs: 1 }); // the listing is kept now: the rows below are later rescans
  const warm = measure(scan(), { env });
  row('warm cache, nothing changed (rescan)', warm);
  const warmNoHistory = measure(scan('--no-history'), { env });
  row('warm cache, --no-history', warmNoHistory);
  if (hasTaskset) row('no cache, one core (taskset -c 0)', measure(['taskset', '-c', '0', ...scan('--no-cache')], { env }));

  // Cached and uncached scans must report the same thing.
  if (withoutTime(cold.stdout) !== withoutTime(uncached.stdout) || withoutTime(warm.stdout) !== withoutTime(uncached.stdout)) {
    throw new Error(`${name}: cached and uncached reports differ`);
  }

  let peer;
  if (existsSync(PEER)) {
    // One stack-analyser run over the parent folder of the tree (it analyses every sub-folder).
    const target = paths.length === 1 ? paths[0] : join(paths[0], '..');
    const out = join(work, 'peer.json');
    peer = measure(['node', PEER, target, '-o', 'peer.json'], { cwd: work, okStatus: [0] });
    rmSync(out, { force: true });
  }
  return { rows, peer, uncached };
}

function startup(args) {
  return measure(['node', CLI, ...args], { runs: Math.max(RUNS, 5) }).ms;
}

const work = mkdtempSync(join(tmpdir(), 'k8sm-bench-'));
const sections = [];
let version;
let help;
try {
  const mono = join(work, 'monorepo');
  mkdirSync(mono);
  generateMonorepo(mono);
  sections.push(cases('one repository, 10,000 files (2,000 manifests, 200 charts, 300 .tf, 100 Dockerfiles)', [mono], work));

  if (process.env.BENCH_ORG !== '0') {
    const paths = generateOrganization(join(work, 'org'));
    sections.push(cases('organization of 200 repositories (~100,000 files)', paths, work));
  }
  version = startup(['--version']);
  help = startup(['--help']);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const gitVersion = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
const peerVersion = existsSync(PEER) ? JSON.parse(readFileSync(join(ROOT, 'node_modules', '@specfy', 'stack-analyser', 'package.json'), 'utf8')).version : undefined;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const lines = [
  '| case | run | files | MB | wall time | files/s | MB/s | peak RSS | read floor | ratio to floor |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...sections.flatMap(({ rows }) =>
    rows.map((r) => `| ${r.name} | ${r.label} | ${r.files} | ${r.mb.toFixed(1)} | ${s(r.ms)} | ${Math.round(r.files / (r.ms / 1000))} | ${(r.mb / (r.ms / 1000)).toFixed(1)} | ${r.rssMb.toFixed(0)} MB | ${s(r.floorMs)} | ${(r.ms / r.floorMs).toFixed(1)}× |`),
  ),
];
const peerLines = [
  `| case | stack-analyser ${peerVersion ?? '(not installed)'} | k8s-maturity, no cache | speed-up | k8s-maturity, warm cache | speed-up |`,
  '|---|---:|---:|---:|---:|---:|',
  ...sections.map(({ rows, peer }) => {
    const none = rows.find((r) => r.label.startsWith('no cache ('));
    const warm = rows.find((r) => r.label.startsWith('warm cache, nothing'));
    if (!peer) return `| ${rows[0].name} | — | ${s(none.ms)} | — | ${s(warm.ms)} | — |`;
    return `| ${rows[0].name} | ${s(peer.ms)} (${peer.rssMb.toFixed(0)} MB) | ${s(none.ms)} | ${(peer.ms / none.ms).toFixed(2)}× | ${s(warm.ms)} | ${(peer.ms / warm.ms).toFixed(1)}× |`;
  }),
];
const startupLine = `\`k8s-maturity --version\`: ${Math.round(version)} ms; \`k8s-maturity --help\`: ${Math.round(help)} ms (best of ${Math.max(RUNS, 5)}, whole process).`;
const body = `${machine}; ${gitVersion}; best of ${RUNS}\n\n${lines.join('\n')}\n\nPeer, same trees, same run:\n\n${peerLines.join('\n')}\n\n${startupLine}\n`;
process.stdout.write(body);
if (process.env.BENCH_WRITE !== '0') {
  const docs = join(ROOT, 'docs', 'performance.md');
  const previous = existsSync(docs) ? readFileSync(docs, 'utf8') : '';
  // The "## Measured" section is rewritten; the prose above it and the sections after it are kept.
  const marker = '## Measured';
  const head = previous.includes(marker) ? previous.slice(0, previous.indexOf(marker)) : '# Performance\n\n';
  const next = previous.includes(marker) ? previous.indexOf('\n## ', previous.indexOf(marker) + marker.length) : -1;
  const tail = next >= 0 ? `\n${previous.slice(next + 1)}` : '';
  writeFileSync(
    docs,
    `${head}${marker}\n\nBy \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}; ${gitVersion}. Wall time is the best of ${RUNS} runs of the whole CLI (\`scan … --format json --quiet\`), peak RSS from /usr/bin/time; the read floor (bench/read-floor.mjs: \`git ls-files\` and reading every file once) is measured in the same run. "Cold cache" empties the scan cache only; "first run of the tool" empties the launcher's code cache too. The cached and uncached reports were identical (generatedAt aside), as the bench asserts.\n\n${lines.join('\n')}\n\nPeer, on the same trees in the same run (\`stack-analyser <folder>\`, one process over the repository or the organization's parent folder):\n\n${peerLines.join('\n')}\n\n${startupLine}\n${tail}`,
  );
}
