import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { ScanCache, scanCacheDir, toolFingerprint } from '../../src/cache/scan-cache.js';
import { DEFAULT_MODEL_PATH } from '../../src/model/load.js';
import { scanOrganization } from '../../src/scan/organization.js';
import { RepositoryScans } from '../../src/scan/parallel.js';
import { scanRepository } from '../../src/scan/scan-repository.js';
import { listFiles, parseLsFiles } from '../../src/sources/repository/list-files.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'acme');
const DIST_WORKER = join(import.meta.dirname, '..', '..', 'dist', 'scan', 'scan-worker.js');
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null' };

let work: string;
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, stdio: 'pipe' });

/** A copy of an example repository, committed to a fresh git repository. */
function repository(name: string, example: string): string {
  const dir = join(work, name);
  cpSync(join(EXAMPLES, example), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'commit.gpgsign=false', 'commit', '-qm', 'initial');
  return dir;
}

const fingerprint = (toolVersion = '1.0.0') => toolFingerprint({ toolVersion, modelPath: DEFAULT_MODEL_PATH, limits: DEFAULT_LIMITS });

/** Plants a marker in every cache entry: a scan that returns it was answered from the cache. */
/**
 * Marks every scan entry so that a result answered from the cache shows it. Only scan entries
 * (`<hash>.json`): a repository's listing or history (`<hash>.listing.json`, `.history.json`) may
 * or may not be there, depending on how old the files' identities are when the scan runs, that is
 * on how fast the machine is; the test must not depend on that.
 */
function plantMarker(cacheDir: string): void {
  for (const name of readdirSync(cacheDir).filter((entry) => /^[0-9a-f]{32}\.json$/.test(entry))) {
    const file = join(cacheDir, name);
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    entry.value.detections.push({ id: 'cache-marker', evidence: [] });
    writeFileSync(file, JSON.stringify(entry));
  }
}
const fromCache = (scan: { detections: { id: string }[] }) => scan.detections.some((d) => d.id === 'cache-marker');

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-cache-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the scan cache', () => {
  it('answers a rescan of unchanged content from the cache, with the same result', async () => {
    const repo = repository('hit', 'payments-api');
    const cache = new ScanCache({ dir: join(work, 'cache-hit'), fingerprint: fingerprint() });
    const first = await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache });
    expect(first.detections.length).toBeGreaterThan(0);
    const again = await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache });
    expect(again).toEqual(first);
    plantMarker(cache.settings.dir);
    expect(fromCache(await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache }))).toBe(true);
  });

  it('scans again when a file changes, is added, or only a work-tree file differs from git', async () => {
    const repo = repository('change', 'payments-api');
    const cache = new ScanCache({ dir: join(work, 'cache-change'), fingerprint: fingerprint() });
    await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache });
    plantMarker(cache.settings.dir);
    // Same size, new content, not staged: git's blob id is stale, the work tree is what counts.
    const dockerfile = join(repo, 'Dockerfile');
    writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replace(/FROM /, 'from '));
    expect(fromCache(await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache }))).toBe(false);
    plantMarker(cache.settings.dir);
    writeFileSync(join(repo, 'new-file.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(fromCache(await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache }))).toBe(false);
  });


  it('keeps the listing (the walk of every folder) at the first scan, or with listingOnceUnchanged only once a rescan finds the content unchanged', async () => {
    const repo = repository('snapshot', 'payments-api');
    const atOnce = repository('snapshot-at-once', 'payments-api');
    const cache = new ScanCache({ dir: join(work, 'cache-snapshot'), fingerprint: fingerprint() });
    // Identities younger than two seconds are never kept (they could still change within the same clock tick).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    // An organization on worker threads keeps it at once, for its next run.
    await scanRepository(atOnce, 'all', DEFAULT_LIMITS, { cache });
    expect(cache.getListing(atOnce)).toMatchObject({ version: 2, result: { lister: 'git' } });
    // Someone waiting on one repository does not pay for the walk on a first scan.
    const options = { cache, listingOnceUnchanged: true };
    const first = await scanRepository(repo, 'all', DEFAULT_LIMITS, options);
    expect(cache.getListing(repo)).toBeUndefined();
    const second = await scanRepository(repo, 'all', DEFAULT_LIMITS, options);
    expect(cache.getListing(repo)).toMatchObject({ version: 2, result: { lister: 'git', contentKey: expect.any(String) } });
    // The third scan lists from the kept listing (no git process) and still answers the same.
    const third = await scanRepository(repo, 'all', DEFAULT_LIMITS, options);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    // A changed tree is scanned again.
    writeFileSync(join(repo, 'new-file.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const changed = await scanRepository(repo, 'all', DEFAULT_LIMITS, options);
    expect(changed.files).toBe(first.files + 1);
  });

  it('keeps listings at the first scan of an organization scanned on one thread, not of one repository', async () => {
    const single = [repository('one-alone', 'payments-api')];
    const organization = ['listing-a', 'listing-b', 'listing-c', 'listing-d'].map((name) => repository(name, 'payments-api'));
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // identities older than 2 s
    const settings = { dir: join(work, 'cache-org-listings'), fingerprint: fingerprint() };
    for (const roots of [single, organization]) {
      const scans = new RepositoryScans(
        roots.map((root) => ({ root, label: root })),
        { limits: DEFAULT_LIMITS, detectors: 'all', workers: 0, cache: settings },
      );
      await Promise.all(roots.map((_, index) => scans.result(index)));
      await scans.close();
    }
    const cache = new ScanCache(settings);
    expect(cache.getListing(single[0]!)).toBeUndefined();
    for (const root of organization) expect(cache.getListing(root)).toMatchObject({ version: 2 });
  });

  it('is keyed by content: a fresh clone of the same commit hits, a touched file keeps its key, an edited one does not', () => {
    const repo = repository('content', 'storefront-web');
    const clone = join(work, 'content-clone');
    git(work, 'clone', '-q', repo, clone);
    expect(listFiles(clone, DEFAULT_LIMITS).contentKey).toBe(listFiles(repo, DEFAULT_LIMITS).contentKey);
    const before = listFiles(repo, DEFAULT_LIMITS).contentKey;
    utimesSync(join(repo, 'Dockerfile'), new Date(), new Date(Date.now() + 5000));
    // A touch alone leaves the content as committed: git compares it with the blob, so the key
    // stands. (Git compares only where no configuration names a filter: a developer's own
    // ~/.gitconfig with git-lfs must not change what this test sees.)
    const home = process.env.HOME;
    process.env.HOME = mkdtempSync(join(tmpdir(), 'k8sm-home-'));
    try {
      expect(listFiles(repo, DEFAULT_LIMITS, { spareCore: true }).contentKey).toBe(before);
      // Checked from here instead (an organization scan on worker threads): the touch is a change.
      expect(listFiles(repo, DEFAULT_LIMITS).contentKey).not.toBe(before);
    } finally {
      process.env.HOME = home;
    }
    writeFileSync(join(repo, 'Dockerfile'), `${readFileSync(join(repo, 'Dockerfile'), 'utf8')}# edited\n`);
    expect(listFiles(repo, DEFAULT_LIMITS).contentKey).not.toBe(before);
  });

  it('is invalidated when the tool version, the model or the limits change', async () => {
    const repo = repository('tool', 'storefront-web');
    const dir = join(work, 'cache-tool');
    await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache: new ScanCache({ dir, fingerprint: fingerprint('1.0.0') }) });
    plantMarker(dir);
    expect(fromCache(await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache: new ScanCache({ dir, fingerprint: fingerprint('1.0.0') }) }))).toBe(true);
    expect(fromCache(await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache: new ScanCache({ dir, fingerprint: fingerprint('1.0.1') }) }))).toBe(false);

    const model = join(work, 'model.yaml');
    writeFileSync(model, `${readFileSync(DEFAULT_MODEL_PATH, 'utf8')}\n# edited\n`);
    expect(toolFingerprint({ toolVersion: '1.0.0', modelPath: model, limits: DEFAULT_LIMITS })).not.toBe(fingerprint('1.0.0'));
    expect(toolFingerprint({ toolVersion: '1.0.0', modelPath: DEFAULT_MODEL_PATH, limits: { ...DEFAULT_LIMITS, maxFiles: 10 } })).not.toBe(fingerprint('1.0.0'));
  });

  it('ignores a corrupt or foreign cache file, scans again and repairs it', async () => {
    const repo = repository('corrupt', 'storefront-web');
    const dir = join(work, 'cache-corrupt');
    const cache = new ScanCache({ dir, fingerprint: fingerprint() });
    const first = await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache });
    const [entry] = readdirSync(dir);
    for (const garbage of ['{"key": tru', '', 'null', '{"key":"x","value":{"kind":"service"}}', '\u0000\u0001binary']) {
      writeFileSync(join(dir, entry!), garbage);
      expect(await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache })).toEqual(first);
    }
    // The key matches but the value is not a scan: a miss, never a crash.
    const good = JSON.parse(readFileSync(join(dir, entry!), 'utf8'));
    writeFileSync(join(dir, entry!), JSON.stringify({ ...good, value: { kind: 'service', detections: 'nope', warnings: [], files: 1 } }));
    expect(await scanRepository(repo, 'all', DEFAULT_LIMITS, { cache })).toEqual(first);
  });

  it('gives the same JSON with and without the cache (generatedAt aside)', async () => {
    const paths = [repository('org-a', 'payments-api'), repository('org-b', 'platform-infra'), repository('org-c', 'storefront-web')];
    const cacheDir = join(work, 'org-cache');
    const now = new Date('2026-06-01T00:00:00Z');
    const run = (cache: boolean) => scanOrganization({ paths, toolVersion: '1.0.0', now, cwd: work, cache, cacheDir });
    const uncached = JSON.stringify(await run(false));
    const cold = JSON.stringify(await run(true));
    const warm = JSON.stringify(await run(true));
    expect(cold).toBe(uncached);
    expect(warm).toBe(uncached);
    // One scan entry and one history entry per repository (and a listing, when the files were old enough to keep one).
    expect(readdirSync(scanCacheDir(cacheDir)).filter((name) => !name.endsWith('.history.json') && !name.endsWith('.listing.json'))).toHaveLength(3);
    expect(readdirSync(scanCacheDir(cacheDir)).filter((name) => name.endsWith('.history.json'))).toHaveLength(3);
  });

  it('puts scans under $XDG_CACHE_HOME/k8s-maturity/scans, or under --cache-dir', () => {
    expect(scanCacheDir(undefined, { XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/k8s-maturity/scans');
    expect(scanCacheDir('/tmp/c')).toBe('/tmp/c/scans');
  });
});

describe('git listing', () => {
  it('reads tracked entries with their stat data, untracked files, and what git found changed or deleted, from one ls-files call', () => {
    const stat = (size: number, flags = '100000') => `  ctime: 1:2\n  mtime: 3:4\n  dev: 1\tino: 5\n  uid: 0\tgid: 0\n  size: ${size}\tflags: ${flags}\n`;
    const out =
      '? untracked.txt\0' +
      // An untracked file whose name looks like an entry header stays a file name.
      '? H 100644 78981922613b2afb6025042ff6bd878ac1994e85 0\tx\0' +
      `H 100644 78981922613b2afb6025042ff6bd878ac1994e85 0\ta.txt\0${stat(2)}` +
      `H 100644 61780798228d17af2d34fce4cfbdf35556832472 0\tedited.txt\0${stat(2)}` +
      `C 100644 61780798228d17af2d34fce4cfbdf35556832472 0\tedited.txt\0${stat(2)}` +
      `H 100644 61780798228d17af2d34fce4cfbdf35556832472 0\tgone.txt\0${stat(2)}` +
      `R 100644 61780798228d17af2d34fce4cfbdf35556832472 0\tgone.txt\0${stat(2)}` +
      `C 100644 61780798228d17af2d34fce4cfbdf35556832472 0\tgone.txt\0${stat(2)}` +
      `H 100644 61780798228d17af2d34fce4cfbdf35556832472 0\tassumed.txt\0${stat(2, '108000')}` +
      `S 100644 61780798228d17af2d34fce4cfbdf35556832472 0\tsparse.txt\0${stat(2, '40000000')}` +
      `H 120000 c1b0730e01334473badcfd47fd144e254807b06e 0\tlink\0${stat(1)}`;
    const { paths, index, deleted } = parseLsFiles(out, true);
    expect(paths).toEqual(['untracked.txt', 'H 100644 78981922613b2afb6025042ff6bd878ac1994e85 0\tx', 'a.txt', 'edited.txt', 'gone.txt', 'assumed.txt', 'sparse.txt', 'link']);
    expect(index.get('a.txt')).toEqual({ blob: '78981922613b2afb6025042ff6bd878ac1994e85', size: 2, ctimeSec: 1, ctimeNsec: 2, mtimeSec: 3, mtimeNsec: 4, ino: 5, unchanged: true });
    // Changed, assume-unchanged and skip-worktree entries are checked on disk, not trusted.
    expect(['edited.txt', 'assumed.txt', 'sparse.txt'].map((p) => index.get(p)?.unchanged)).toEqual([false, false, false]);
    expect([...deleted]).toEqual(['gone.txt']);
    expect(index.has('link')).toBe(false); // a symlink is identified by its target's stat data
    // Without --modified and --deleted git compared nothing: every file is checked on disk.
    expect(parseLsFiles(out, false).index.get('a.txt')?.unchanged).toBe(false);
  });

  it('lists a changed file with its new size, skips a deleted one, and keys the content by what changed', () => {
    const root = join(work, 'ls-changes');
    mkdirSync(join(root, 'deploy'), { recursive: true });
    writeFileSync(join(root, 'deploy', 'app.yaml'), 'kind: Deployment\n');
    writeFileSync(join(root, 'deploy', 'old.yaml'), 'kind: Service\n');
    writeFileSync(join(root, 'README.md'), '# app\n');
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, '-c', 'commit.gpgsign=false', 'commit', '-qm', 'init');
    const before = listFiles(root, DEFAULT_LIMITS, { spareCore: true });
    expect(before.files.map((f) => [f.path, f.size])).toEqual([['README.md', 6], ['deploy/app.yaml', 17], ['deploy/old.yaml', 14]]);
    expect(listFiles(root, DEFAULT_LIMITS)).toEqual(before);
    writeFileSync(join(root, 'deploy', 'app.yaml'), 'kind: StatefulSet\n');
    rmSync(join(root, 'deploy', 'old.yaml'));
    const after = listFiles(root, DEFAULT_LIMITS, { spareCore: true });
    expect({ ...listFiles(root, DEFAULT_LIMITS), contentKey: '' }).toEqual({ ...after, contentKey: '' });
    expect(after.files.map((f) => [f.path, f.size])).toEqual([['README.md', 6], ['deploy/app.yaml', 18]]);
    expect(after.warnings).toEqual([]);
    expect(after.contentKey).not.toBe(before.contentKey);
    // Back to the committed content (a new mtime): the same content, so the same key as an untouched file would give.
    writeFileSync(join(root, 'deploy', 'app.yaml'), 'kind: Deployment\n');
    git(root, 'checkout', '--', 'deploy/old.yaml');
    expect(listFiles(root, DEFAULT_LIMITS, { spareCore: true }).contentKey).toBe(before.contentKey);
  });
});

describe('parallel repository scans', () => {
  it.skipIf(!existsSync(DIST_WORKER))('give the same results, in the same order, on worker threads as on one thread', async () => {
    const jobs = ['payments-api', 'platform-infra', 'storefront-web', 'payments-api'].map((example, i) => ({ root: repository(`par-${i}`, example), label: `r${i}` }));
    const history = { since: new Date('2020-01-01T00:00:00Z'), now: new Date(), config: { teams: [], repositories: [], clusters: [], history: { enabled: true } } as never };
    const collect = async (workers: number) => {
      const scans = new RepositoryScans(jobs, { limits: DEFAULT_LIMITS, detectors: 'all', workers, workerUrl: pathToFileURL(DIST_WORKER), history });
      try {
        expect(scans.parallel).toBe(workers > 1);
        // Ask in reverse: each answer still belongs to its own repository.
        const results = [];
        for (let i = jobs.length - 1; i >= 0; i--) results.unshift(await scans.result(i));
        return results;
      } finally {
        await scans.close();
      }
    };
    const serial = await collect(0);
    const parallel = await collect(2);
    expect(parallel.map((r) => r.root)).toEqual(jobs.map((j) => j.root));
    expect(parallel).toEqual(serial);
    expect(serial[0]!.history?.detections).toBeDefined();
  });

  it.skipIf(!existsSync(DIST_WORKER))('turns a path that cannot be scanned into that repository’s error only', async () => {
    const good = repository('par-good', 'storefront-web');
    const jobs = [good, join(work, 'missing'), good, good].map((root, i) => ({ root, label: `r${i}` }));
    const scans = new RepositoryScans(jobs, { limits: DEFAULT_LIMITS, detectors: 'all', workers: 2, workerUrl: pathToFileURL(DIST_WORKER) });
    try {
      await expect(scans.result(1)).rejects.toThrow(/no such file or directory/);
      expect((await scans.result(3)).detections.length).toBeGreaterThan(0);
    } finally {
      await scans.close();
    }
  });
});
