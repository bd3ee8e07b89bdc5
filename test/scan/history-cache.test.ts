import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory, readHistoryAsync, walkWindow, type HistoryCache, type LogRecord, type ReadHistoryOptions } from '../../src/history/read-history.js';
import { readHeadFiles } from '../../src/sources/git/read-head.js';
import { alice, bob, carol, daysAgo, NOW, rawGit, TestRepo } from '../history/git-fixture.js';

/** A cache in memory that counts what it is asked and lets a test tamper with what it holds. */
class MemoryCache implements HistoryCache {
  readonly entries = new Map<string, unknown>();
  hits = 0;
  constructor(readonly fingerprint = 'tool') {}
  get(key: string): unknown {
    const value = this.entries.get(key);
    if (value !== undefined) this.hits++;
    return value;
  }
  set(key: string, value: unknown): void {
    this.entries.set(key, value);
  }
  /** Renames every stored person: an answer that shows the marker came from the store. */
  plant(): void {
    for (const value of this.entries.values()) for (const record of value as LogRecord[]) record.who = 'marker@cache';
  }
}

const fromCache = (facts: ReturnType<typeof readHistory>) => JSON.stringify(facts.detections).includes('marker@cache') || facts.deployChangers.some((p) => p.person === 'marker@cache');
const platform = (identity: { email: string }) => identity.email.endsWith('@acme.io');
const withoutMs = (facts: ReturnType<typeof readHistory>) => ({ ...facts, stats: { ...facts.stats, ms: 0 } });

function repo(): TestRepo {
  const r = new TestRepo();
  r.commit(alice, 100, { 'infra/main.tf': 'resource "x" "y" {}\n' }, 'Bootstrap');
  r.commit(carol, 50, { 'deploy/app.yaml': 'kind: Deployment\n' }, 'Deploy (#3)');
  r.commit(bob, 10, { 'Dockerfile': 'FROM node:20\n' }, 'Image');
  return r;
}

function gitHead(dir: string): { hash: string; name: string } {
  const [hash = '', name = ''] = rawGit(dir, ['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD']).trim().split('\n');
  return { hash, name };
}

describe('readHeadFiles', () => {
  it('reads what git rev-parse says, loose or packed, on a branch or detached', () => {
    const r = repo();
    expect(readHeadFiles(r.dir)).toMatchObject(gitHead(r.dir));
    r.git(['pack-refs', '--all']);
    expect(readHeadFiles(r.dir)).toMatchObject(gitHead(r.dir));
    r.checkout('feature/x', true);
    expect(readHeadFiles(r.dir)).toMatchObject({ ...gitHead(r.dir), name: 'feature/x' });
    r.git(['checkout', '--quiet', '--detach', 'HEAD~1']);
    expect(readHeadFiles(r.dir)).toMatchObject({ ...gitHead(r.dir), name: 'HEAD' });
  });

  it('reads a linked work tree (.git is a file)', () => {
    const r = repo();
    const linked = join(r.dir, '..', `${r.dir.split('/').pop()}-linked`);
    r.git(['worktree', 'add', '--quiet', '-b', 'other', linked, 'HEAD~1']);
    try {
      expect(readHeadFiles(linked)).toMatchObject({ ...gitHead(linked), name: 'other' });
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  });

  it('leaves git to answer anything unusual', () => {
    const r = repo();
    mkdirSync(join(r.dir, 'sub'));
    expect(readHeadFiles(join(r.dir, 'sub'))).toBeUndefined(); // not the top of the work tree
    r.git(['tag', 'main']); // `--abbrev-ref` would print heads/main
    expect(readHeadFiles(r.dir)).toBeUndefined();
    r.git(['tag', '-d', 'main']);
    expect(readHeadFiles(r.dir)).toBeDefined();
    writeFileSync(join(r.dir, '.git', 'shallow'), '');
    expect(readHeadFiles(r.dir)).toBeUndefined();
    rmSync(join(r.dir, '.git', 'shallow'));
    r.git(['config', 'core.worktree', r.dir]);
    expect(readHeadFiles(r.dir)).toBeUndefined();
    const empty = new TestRepo();
    expect(readHeadFiles(empty.dir)).toBeUndefined(); // unborn branch
  });
});

describe('the history cache', () => {
  const options = (cache?: HistoryCache): ReadHistoryOptions => ({ since: daysAgo(180), now: NOW, platformMembers: platform, ...(cache ? { cache } : {}) });

  it('answers an unchanged repository without git, with the same facts', async () => {
    const r = repo();
    const cache = new MemoryCache();
    const uncached = withoutMs(readHistory(r.dir, options()));
    expect(withoutMs(readHistory(r.dir, options(cache)))).toEqual(uncached);
    expect(cache.entries.size).toBe(1);
    expect(withoutMs(await readHistoryAsync(r.dir, options(cache)))).toEqual(uncached);
    expect(cache.hits).toBe(1);
    cache.plant();
    expect(fromCache(readHistory(r.dir, options(cache)))).toBe(true);
  });

  it('reads git again after a new commit, a branch switch, or a new .mailmap', () => {
    const r = repo();
    const cache = new MemoryCache();
    readHistory(r.dir, options(cache));
    cache.plant();
    r.commit(carol, 5, { 'deploy/app.yaml': 'kind: Deployment\nmetadata: {}\n' }, 'Again');
    expect(fromCache(readHistory(r.dir, options(cache)))).toBe(false);
    cache.plant();
    r.checkout('other', true);
    expect(fromCache(readHistory(r.dir, options(cache)))).toBe(false);
    cache.plant();
    writeFileSync(join(r.dir, '.mailmap'), 'Carol <carol@elsewhere.io> <carol@payments.acme.io>\n');
    const remapped = readHistory(r.dir, options(cache));
    expect(fromCache(remapped)).toBe(false);
    expect(withoutMs(remapped)).toEqual(withoutMs(readHistory(r.dir, options())));
  });

  it('is keyed by its fingerprint (tool, platform team) and by the window\'s day and maxCommits', () => {
    const r = repo();
    const cache = new MemoryCache('a');
    readHistory(r.dir, options(cache));
    cache.plant();
    expect(fromCache(readHistory(r.dir, options(new Proxy(cache, { get: (t, p) => (p === 'fingerprint' ? 'b' : Reflect.get(t, p)) }))))).toBe(false);
    expect(fromCache(readHistory(r.dir, { ...options(cache), since: daysAgo(181) }))).toBe(false);
    expect(fromCache(readHistory(r.dir, { ...options(cache), maxCommits: 2 }))).toBe(false);
  });

  it('treats a corrupt entry as a miss', () => {
    const r = repo();
    const cache = new MemoryCache();
    const first = withoutMs(readHistory(r.dir, options(cache)));
    for (const garbage of [null, 'x', [{ h: 1 }], [{ h: 'a', p: 'b', t: 1, who: 'x' }], {}]) {
      for (const key of cache.entries.keys()) cache.entries.set(key, garbage);
      expect(withoutMs(readHistory(r.dir, options(cache)))).toEqual(first);
    }
  });

  it('applies the exact window start on every run, as git would, within the cached day', () => {
    const r = new TestRepo();
    // NOW is 2025-06-01T12:00Z; the window's day is 2025-05-01.
    const at = (iso: string) => (NOW.getTime() - Date.parse(iso)) / 86_400_000;
    r.commit(alice, at('2025-04-01T00:00:00Z'), { 'deploy/a.yaml': 'a\n' });
    r.commit(carol, at('2025-05-10T00:00:00Z'), { 'deploy/b.yaml': 'b\n' }); // newer than its child below: clock skew
    r.commit(bob, at('2025-05-01T03:00:00Z'), { 'deploy/c.yaml': 'c\n' });
    r.commit(alice, at('2025-05-01T10:00:00Z'), { 'deploy/d.yaml': 'd\n' });
    r.commit(bob, at('2025-05-20T00:00:00Z'), { 'deploy/e.yaml': 'e\n' });
    const cache = new MemoryCache();
    for (const since of ['2025-05-01T01:00:00Z', '2025-05-01T05:00:00Z', '2025-05-01T11:00:00Z', '2025-05-01T02:59:59.500Z']) {
      const exact = { since: new Date(since), now: NOW, platformMembers: platform };
      expect(withoutMs(readHistory(r.dir, { ...exact, cache })), since).toEqual(withoutMs(readHistory(r.dir, exact)));
    }
    expect(cache.entries.size).toBe(1);
    expect(cache.hits).toBe(3);
  });

  it('walks stored commits like git: an old commit stops the walk behind it', () => {
    const records: LogRecord[] = [
      { h: 't', p: ['p'], t: 300, who: 'a' },
      { h: 'p', p: ['g'], t: 50, who: 'b' },
      { h: 'g', p: [], t: 200, who: 'c' },
    ];
    expect(walkWindow(records, 't', 100).map((r) => r.h)).toEqual(['t']);
    expect(walkWindow(records, 't', 10).map((r) => r.h)).toEqual(['t', 'p', 'g']);
    expect(walkWindow(records, 'x', 10)).toEqual([]);
  });
});
