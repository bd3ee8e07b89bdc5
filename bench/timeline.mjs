// `npm run bench:timeline`: what `k8s-maturity timeline` costs against a plain scan, measured side
// by side in the same run (this machine drifts by ±10% from hour to hour).
//
// 1. The 10,000-file repository of `npm run bench` with a realistic history: a first commit two
//    years ago, then a few hundred commits touching a few files each. Eight quarterly points
//    (`--since 2y --every 90d` gives nine, today's included) against one cold scan; target < 3×.
// 2. An organization of 50 such repositories (500,000 files, each with that history), eight
//    quarterly points with history signals against one cold scan; target < 60 s.
// BENCH_RUNS (default 3) runs per case, best kept; BENCH_COMMITS (default 300); BENCH_ORG=0 skips 2,
// BENCH_ORG_SIZE (default 50) sets its size. Each row gives the wall time, the CPU time (user and
// system, git included: what the run cost when other jobs stretch the wall time) and the load
// average before and after.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMonorepo } from './generate.mjs';
import { measure } from './measure.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COMMITS = Number(process.env.BENCH_COMMITS ?? 300);
const DAY = 86_400;
const ORG_SIZE = Number(process.env.BENCH_ORG_SIZE ?? 50);
const load = () => loadavg()[0].toFixed(1);
/** One case, with the load average around it. */
function timed(args, options) {
  const before = load();
  const result = measure(args, options);
  return { ...result, load: `${before}→${load()}` };
}
const cells = (m, extra = '') => `${(m.ms / 1000).toFixed(2)} s${extra} | ${m.cpuS.toFixed(1)} s | ${m.rssMb.toFixed(0)} MB | ${m.load} |`;

function git(cwd, args, when) {
  const date = `${when} +0000`;
  execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'ignore',
    env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

/** A first commit `days` ago, then `commits` commits evenly spread up to today, each touching a few files. */
function withHistory(root, files, commits, days = 730) {
  const now = Math.floor(Date.now() / 1000);
  git(root, ['init', '-q', '-b', 'main'], now);
  git(root, ['add', '-A'], now);
  git(root, ['commit', '-qm', 'initial'], now - days * DAY);
  for (let i = 1; i <= commits; i++) {
    for (let k = 0; k < 3; k++) appendFileSync(join(root, files[(i * 7 + k * 13) % files.length]), `\n# change ${i}.${k}\n`);
    git(root, ['commit', '-qam', `change ${i}`], now - Math.round(((commits - i) / commits) * days * DAY));
  }
}

const work = mkdtempSync(join(tmpdir(), 'k8sm-bench-timeline-'));
const env = { XDG_CACHE_HOME: join(work, 'cache') };
try {
  const mono = join(work, 'monorepo');
  generateMonorepo(mono, { git: false });
  const touched = Array.from({ length: 200 }, (_, i) => `terraform/stack-${i % 30}/main-${i}.tf`).concat(Array.from({ length: 200 }, (_, i) => `charts/chart-${i}/values.yaml`));
  process.stderr.write(`history: ${COMMITS} commits…\n`);
  withHistory(mono, touched, COMMITS);
  const scan = timed(['node', CLI, 'scan', mono, '--no-cache', '--no-history', '--format', 'json', '--quiet'], { env, runs: RUNS });
  const timeline = timed(['node', CLI, 'timeline', mono, '--since', '2y', '--every', '90d', '--format', 'json', '--quiet'], { env, runs: RUNS });
  const points = JSON.parse(timeline.stdout).points.length;
  const rows = [
    `| 10,000 files, one cold scan (--no-cache --no-history) | ${cells(scan)}`,
    `| the same repository, timeline of ${points} points over 2 years (${COMMITS} commits) | ${cells(timeline, ` (${(timeline.ms / scan.ms).toFixed(2)}× the scan; target < 3×)`)}`,
  ];
  if (process.env.BENCH_ORG !== '0') {
    // 50 repositories like the one above: local clones of it (objects hard-linked, work trees
    // checked out), each given a commit of its own today so that no two are the same repository.
    const org = join(work, 'org');
    const paths = [];
    process.stderr.write(`organization: ${ORG_SIZE} clones…\n`);
    for (let i = 0; i < ORG_SIZE; i++) {
      const dir = join(org, `repo-${i}`);
      execFileSync('git', ['clone', '-q', '--local', mono, dir], { stdio: 'ignore' });
      appendFileSync(join(dir, touched[i % touched.length]), `\n# repo-${i}\n`);
      git(dir, ['commit', '-qam', `repo-${i}`], Math.floor(Date.now() / 1000) - 3600);
      paths.push(dir);
    }
    writeFileSync(join(org, '.k8s-maturity.yaml'), `organization: bench\nrepositories:\n${paths.map((p) => `  - ${p}\n`).join('')}`);
    const config = join(org, '.k8s-maturity.yaml');
    // Side by side: a plain cold scan (history read, as the timeline does), then the timeline of eight quarterly points.
    const orgScan = timed(['node', CLI, 'scan', '--config', config, '--no-cache', '--format', 'json', '--quiet'], { env, runs: 1 });
    const orgTimeline = timed(['node', CLI, 'timeline', '--config', config, '--since', '21m', '--every', '90d', '--format', 'json', '--quiet'], { env, runs: 1 });
    const orgPoints = JSON.parse(orgTimeline.stdout).points.length;
    rows.push(`| ${ORG_SIZE} such repositories (${ORG_SIZE * 10},000 files), one cold scan with history (--no-cache) | ${cells(orgScan)}`);
    rows.push(`| the same ${ORG_SIZE} repositories, timeline of ${orgPoints} quarterly points with history | ${cells(orgTimeline, ` (${(orgTimeline.ms / orgScan.ms).toFixed(2)}× the scan; target < 60 s)`)}`);
  }
  console.log(['| case | wall time | CPU time | peak memory | load average |', '|---|---|---|---|---|', ...rows].join('\n'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
