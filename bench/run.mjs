// `npm run bench`: generates realistic repositories, then times the CLI against the read floor
// measured in the same run. Prints wall time, files/s, MB/s, peak memory and the ratio, and
// writes docs/performance.md. Speed targets live here, never in unit tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMonorepo, generateRepository } from './generate.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin', 'k8s-maturity.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Runs a command under /usr/bin/time; returns the best wall time and its peak RSS. */
function measure(args, cwd) {
  let best;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} failed: ${result.stderr.slice(-2000)}`);
    const rssKb = Number(result.stderr.trim().split('\n').pop());
    if (!best || ms < best.ms) best = { ms, rssMb: rssKb / 1024, stdout: result.stdout };
  }
  return best;
}

function row(name, paths) {
  const floor = measure(['node', join(ROOT, 'bench', 'read-floor.mjs'), ...paths]);
  const { files, bytes } = JSON.parse(floor.stdout);
  const cli = measure(['node', CLI, 'scan', ...paths, '--format', 'json', '--output', '/dev/null', '--quiet']);
  return {
    name,
    files,
    mb: bytes / 1024 / 1024,
    ms: cli.ms,
    filesPerSecond: files / (cli.ms / 1000),
    mbPerSecond: bytes / 1024 / 1024 / (cli.ms / 1000),
    rssMb: cli.rssMb,
    floorMs: floor.ms,
    ratio: cli.ms / floor.ms,
  };
}

const work = mkdtempSync(join(tmpdir(), 'k8sm-bench-'));
const results = [];
try {
  const mono = join(work, 'monorepo');
  mkdirSync(mono);
  generateMonorepo(mono);
  results.push(row('one repository, 10,000 files (2,000 manifests, 200 charts, 300 .tf, 100 Dockerfiles)', [mono]));

  if (process.env.BENCH_ORG !== '0') {
    const org = join(work, 'org');
    const paths = [];
    for (let i = 0; i < 200; i++) {
      const shape = i % 20 === 0 ? 'platform' : i % 20 === 1 ? 'charts' : 'service';
      const dir = join(org, `repo-${String(i).padStart(3, '0')}`);
      mkdirSync(dir, { recursive: true });
      generateRepository(dir, shape, i);
      paths.push(dir);
    }
    results.push(row('organization of 200 repositories (~100,000 files)', paths));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const gitVersion = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
const lines = [
  '| case | files | MB | wall time | files/s | MB/s | peak RSS | read floor | ratio |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map((r) => `| ${r.name} | ${r.files} | ${r.mb.toFixed(1)} | ${(r.ms / 1000).toFixed(2)} s | ${Math.round(r.filesPerSecond)} | ${r.mbPerSecond.toFixed(1)} | ${r.rssMb.toFixed(0)} MB | ${(r.floorMs / 1000).toFixed(2)} s | ${r.ratio.toFixed(1)}× |`),
];
process.stdout.write(`${machine}; ${gitVersion}; best of ${RUNS}\n\n${lines.join('\n')}\n`);
if (process.env.BENCH_WRITE !== '0') {
  writeFileSync(
    join(ROOT, 'docs', 'performance.md'),
    `# Performance\n\nMeasured by \`npm run bench\` (bench/run.mjs): generated repositories, the whole CLI (\`scan --format json\`) timed against the read floor (listing with git and reading every file once, bench/read-floor.mjs) in the same run; wall time is the best of ${RUNS} runs, peak RSS from /usr/bin/time.\n\nMachine: ${machine}; ${gitVersion}; ${new Date().toISOString().slice(0, 10)}.\n\n${lines.join('\n')}\n`,
  );
}
