// Times readHistory over a generated repository of 10,000 commits.
// Usage: npm run build && node bench/history.mjs [commits]
// The repository is written with `git fast-import` (a few seconds), in a temporary folder that is
// removed afterwards. Not a unit test: timings belong in docs/history.md, not in assertions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readHistory } from '../dist/history/index.js';

const COMMITS = Number(process.argv[2] ?? 10_000);
const RUNS = 5;
const DAY = 24 * 60 * 60;
const now = Math.floor(Date.now() / 1000);

const people = Array.from({ length: 20 }, (_, i) => ({
  name: `Person ${i}`,
  email: i < 4 ? `ops${i}@platform.acme.io` : `dev${i}@payments.acme.io`,
}));
const files = [
  'src/index.ts',
  'src/app/service.ts',
  'README.md',
  'Dockerfile',
  'charts/web/values.yaml',
  'charts/web/templates/deployment.yaml',
  'infra/main.tf',
  '.github/workflows/ci.yml',
  'k8s/overlays/prod/kustomization.yaml',
  'docs/guide.md',
];

/** A fast-import stream: a main line where every fifth change arrives as a merge of a topic commit. */
function stream() {
  const parts = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let mark = 0;
  let previous;
  let count = 0;
  while (count < COMMITS) {
    const person = people[count % people.length];
    const time = now - Math.floor(((COMMITS - count) / COMMITS) * 170 * DAY);
    const who = `${person.name} <${person.email}> ${time} +0000`;
    const file = files[(count * 7) % files.length];
    const content = data(`change ${count}\n`);
    if (count % 5 === 4 && previous !== undefined && count + 1 < COMMITS) {
      const topic = ++mark;
      parts.push(`commit refs/heads/topic\nmark :${topic}\nauthor ${who}\ncommitter ${who}\n${data(`Topic change ${count}`)}from :${previous}\nM 100644 inline ${file}\n${content}`);
      const merge = ++mark;
      parts.push(`commit refs/heads/main\nmark :${merge}\nauthor ${who}\ncommitter ${who}\n${data(`Merge pull request #${count} from acme/topic`)}from :${previous}\nmerge :${topic}\n`);
      previous = merge;
      count += 2;
      continue;
    }
    const commit = ++mark;
    const subject = count % 3 === 0 ? `Change ${count} (#${count})` : `Change ${count}`;
    parts.push(`commit refs/heads/main\nmark :${commit}\nauthor ${who}\ncommitter ${who}\n${data(subject)}${previous !== undefined ? `from :${previous}\n` : ''}M 100644 inline ${file}\n${content}`);
    previous = commit;
    count += 1;
  }
  return parts.join('');
}

const dir = mkdtempSync(join(tmpdir(), 'k8sm-bench-history-'));
try {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir], { env });
  const t0 = performance.now();
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: stream(), maxBuffer: 64 * 1024 * 1024 });
  const generated = performance.now() - t0;
  const count = execFileSync('git', ['rev-list', '--count', 'main'], { cwd: dir, env, encoding: 'utf8' }).trim();

  const platformMembers = (identity) => identity.email.endsWith('@platform.acme.io');
  const since = new Date((now - 365 * DAY) * 1000);
  const times = [];
  let facts;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    facts = readHistory(dir, { since, platformMembers });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`repository: ${count} commits written by git fast-import in ${(generated / 1000).toFixed(1)} s`);
  console.log(`readHistory: median ${Math.round(median)} ms over ${RUNS} runs (min ${Math.round(times[0])} ms, max ${Math.round(times[times.length - 1])} ms)`);
  console.log(`read ${facts.stats.commits} commits, ${facts.stats.authors} authors; found: ${facts.detections.map((d) => d.id).join(', ')}`);
  console.log(`main: ${facts.mainChanges.throughPullRequests} of ${facts.mainChanges.total} changes through pull requests`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
