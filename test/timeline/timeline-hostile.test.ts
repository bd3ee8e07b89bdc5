import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, daysAgo, rawGit } from '../history/git-fixture.js';
import { runTimeline, type Timeline } from '../../src/timeline/timeline.js';

/**
 * A scanned repository's .git is untrusted: its history may hold a commit of a hundred thousand
 * files, a 1 GB blob, tens of thousands of commits, refs that point at trees or loop, replace refs.
 * The timeline finishes, holds no such thing in memory, and says which file or commit and why.
 */
let work: string;
const GIB = 1024 * 1024 * 1024;
const chart = 'apiVersion: v2\nname: web\nversion: 1.0.0\n';

function newRepo(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  rawGit(dir, ['init', '--quiet', '--initial-branch=main']);
  return dir;
}

/** Feeds a fast-import stream (our own content: commits far cheaper than `git commit`). */
function fastImport(dir: string, stream: string): void {
  const result = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream, env: baseEnv(), maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`fast-import: ${result.stderr.toString()}`);
}

const seconds = (days: number) => Math.floor(daysAgo(days).getTime() / 1000);
const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
const commitHeader = (days: number, message: string, from?: string) =>
  `commit refs/heads/main\ncommitter Alice <alice@acme.io> ${seconds(days)} +0000\n${data(message)}${from ? `from ${from}\n` : ''}`;

function timelineOf(path: string, days: number[], extra: Partial<Parameters<typeof runTimeline>[0]> = {}): Promise<Timeline> {
  return runTimeline({ paths: [path], cwd: work, points: days.map((d) => daysAgo(d)), toolVersion: 'test', ...extra });
}

const warningsOf = (timeline: Timeline) => [...timeline.warnings, ...timeline.points.flatMap((p) => p.assessment.repositories.flatMap((r) => r.warnings))];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-timeline-hostile-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a hostile history', () => {
  const MANY = 120_000;
  it(`lists at most --max-files of a commit with ${MANY.toLocaleString('en')} files, naming the commit`, async () => {
    const dir = newRepo('many-files');
    const lines = [`blob\nmark :1\n${data(chart)}`, commitHeader(100, 'many')];
    lines.push('M 100644 :1 charts/web/Chart.yaml\n');
    for (let i = 0; i < MANY; i++) lines.push(`M 100644 :1 d${Math.floor(i / 1000)}/f${i % 1000}.txt\n`);
    fastImport(dir, lines.join(''));
    const commit = rawGit(dir, ['rev-parse', 'main']).trim();
    const timeline = await timelineOf('many-files', [50], { limits: { maxFiles: 100_000 } });
    expect(timeline.points[0]!.commits['many-files']).toBe(commit);
    expect(warningsOf(timeline)).toContainEqual({ file: '.', message: `commit ${commit.slice(0, 12)}: more than 100000 files at this commit: the rest were not read (raise --max-files)` });
  }, 180_000);

  it('never reads a 1 GB blob, and says which file at which commit', async () => {
    const dir = newRepo('huge-blob');
    // A sparse file: 1 GiB of zeros that take no disk, stored by git compressed to about a megabyte.
    const big = join(work, 'big.bin');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, GIB);
    closeSync(fd);
    const blob = rawGit(dir, ['-c', 'core.compression=1', 'hash-object', '-w', big]).trim();
    rmSync(big);
    fastImport(dir, `blob\nmark :1\n${data(chart)}${commitHeader(100, 'huge')}M 100644 :1 charts/web/Chart.yaml\nM 100644 ${blob} k8s/huge.yaml\n\n`);
    const commit = rawGit(dir, ['rev-parse', 'main']).trim();
    const before = process.memoryUsage().rss;
    const timeline = await timelineOf('huge-blob', [50, 10]);
    // Never held: reading it would cost a gigabyte at least.
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
    expect(warningsOf(timeline)).toContainEqual({ file: 'k8s/huge.yaml', message: `${GIB} bytes at commit ${commit.slice(0, 12)}, larger than ${5 * 1024 * 1024}: not read` });
    expect(timeline.points[0]!.assessment.repositories[0]!.detections.map((d) => d.id)).toContain('helm');
  }, 180_000);

  it('walks a history of 20,000 commits, and says which points a cut history cannot assess', async () => {
    const dir = newRepo('deep');
    const lines = [`blob\nmark :1\n${data(chart)}`, commitHeader(700, 'first'), 'M 100644 :1 charts/web/Chart.yaml\n\n'];
    for (let i = 1; i < 20_000; i++) lines.push(commitHeader(700 - (i * 690) / 20_000, `change ${i}`), `M 100644 inline counter.txt\n${data(String(i))}\n`);
    fastImport(dir, lines.join(''));
    const whole = await timelineOf('deep', [650, 300, 5]);
    expect(whole.points.map((p) => p.assessment.repositories.length)).toEqual([1, 1, 1]);
    expect(whole.warnings).toEqual([]);
    const cut = await timelineOf('deep', [650, 300, 5], { maxCommits: 5_000 });
    expect(cut.points.map((p) => p.assessment.repositories.length)).toEqual([0, 0, 1]);
    expect(cut.warnings).toContainEqual({ file: 'deep', message: expect.stringMatching(/^more than 5000 commits on main: points before \d{4}-\d{2}-\d{2} \(commit [0-9a-f]{12}\) cannot be assessed$/) });
  }, 180_000);

  it('leaves out, with the reason, a repository whose refs point at a tree, loop, or name an option', async () => {
    const tree = newRepo('ref-to-tree');
    fastImport(tree, `blob\nmark :1\n${data(chart)}${commitHeader(100, 'c')}M 100644 :1 charts/web/Chart.yaml\n\n`);
    const treeId = rawGit(tree, ['rev-parse', 'main^{tree}']).trim();
    writeFileSync(join(tree, '.git', 'refs', 'heads', 'main'), `${treeId}\n`);

    const loop = newRepo('ref-loop');
    fastImport(loop, `blob\nmark :1\n${data(chart)}${commitHeader(100, 'c')}M 100644 :1 charts/web/Chart.yaml\n\n`);
    writeFileSync(join(loop, '.git', 'refs', 'heads', 'main'), 'ref: refs/heads/main\n');

    const option = newRepo('ref-option');
    fastImport(option, `blob\nmark :1\n${data(chart)}${commitHeader(100, 'c')}M 100644 :1 charts/web/Chart.yaml\n\n`);
    const id = rawGit(option, ['rev-parse', 'main']).trim();
    writeFileSync(join(option, '.git', 'refs', 'heads', '--output=x'), `${id}\n`);
    rmSync(join(option, '.git', 'refs', 'heads', 'main'));
    writeFileSync(join(option, '.git', 'HEAD'), 'ref: refs/heads/--output=x\n');

    const timeline = await runTimeline({ paths: ['ref-to-tree', 'ref-loop', 'ref-option'], cwd: work, points: [daysAgo(50)], toolVersion: 'test' });
    expect(timeline.points[0]!.assessment.repositories).toEqual([]);
    for (const name of ['ref-to-tree', 'ref-loop', 'ref-option']) {
      expect(timeline.warnings).toContainEqual({ file: name, message: expect.stringMatching(/no main branch found|left out of the timeline/) });
    }
  }, 120_000);

  it('reads past the replace refs and grafts a repository sets up to rewrite its past', async () => {
    const dir = newRepo('replaced');
    fastImport(dir, `blob\nmark :1\n${data(chart)}${commitHeader(100, 'chart')}M 100644 :1 charts/web/Chart.yaml\n\n`);
    const real = rawGit(dir, ['rev-parse', 'main']).trim();
    // A fake commit with a Dockerfile instead, put in the real one's place by a replace ref.
    fastImport(dir, `blob\nmark :1\n${data('FROM node:20\n')}commit refs/heads/fake\ncommitter Eve <eve@evil.io> ${seconds(100)} +0000\n${data('fake')}M 100644 :1 Dockerfile\n\n`);
    rawGit(dir, ['replace', real, 'fake']);
    const timeline = await timelineOf('replaced', [50]);
    expect(timeline.points[0]!.commits['replaced']).toBe(real);
    const ids = timeline.points[0]!.assessment.repositories[0]!.detections.map((d) => d.id);
    expect(ids).toContain('helm');
    expect(ids).not.toContain('dockerfile');
  }, 120_000);

  it('runs no git at all in a repository whose configuration reaches outside it (src/sources/git confinement)', async () => {
    const dir = newRepo('reaches-out');
    fastImport(dir, `blob\nmark :1\n${data(chart)}${commitHeader(100, 'c')}M 100644 :1 charts/web/Chart.yaml\n\n`);
    const outside = join(work, 'outside.gitconfig');
    writeFileSync(outside, '[core]\n\tfsmonitor = touch /tmp/k8sm-pwned\n');
    writeFileSync(join(dir, '.git', 'config'), `[core]\n\trepositoryformatversion = 0\n[include]\n\tpath = ${outside}\n`);
    const timeline = await timelineOf('reaches-out', [50]);
    expect(timeline.points[0]!.assessment.repositories).toEqual([]);
    expect(timeline.warnings).toContainEqual({ file: 'reaches-out', message: expect.stringMatching(/^git history not read, left out of the timeline: .*include.*git not run$/) });
  }, 120_000);
});
