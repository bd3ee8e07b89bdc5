import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { listFiles, listFilesAsync, type ListingSnapshot, type ListingStore } from '../../src/sources/repository/list-files.js';
import { alice, TestRepo } from '../history/git-fixture.js';

/** A store in memory; `plant` marks the stored listing so that a reused one is recognised. */
class MemoryStore implements ListingStore {
  value: unknown;
  get(): unknown {
    return this.value;
  }
  offer(take: () => ListingSnapshot | undefined): void {
    const snapshot = take();
    if (snapshot !== undefined) this.value = JSON.parse(JSON.stringify(snapshot));
  }
  plant(): void {
    (this.value as ListingSnapshot).result.contentKey = 'marker';
  }
}

const CASES = ['unchanged', 'edited', 'untracked-root', 'untracked-deep', 'untracked-in-ignored-only', 'deleted', 'commit', 'branch', 'index', 'gitignore', 'exclude', 'corrupt'] as const;
const repos = new Map<string, { repo: TestRepo; store: MemoryStore }>();

/** A repository with a folder, a tracked .gitignore, a folder holding only ignored files, and an untracked file. */
function build(): TestRepo {
  const repo = new TestRepo();
  repo.write({ 'Dockerfile': 'FROM node:20\n', 'deploy/app.yaml': 'kind: Deployment\n', 'deploy/deep/svc.yaml': 'kind: Service\n', '.gitignore': '*.log\n', 'logs/a.log': 'x\n' });
  repo.git(['add', '--all']);
  repo.git(['commit', '--quiet', '-m', 'initial'], repo.env(alice, 1));
  repo.git(['branch', 'other']);
  repo.write({ 'notes.txt': 'untracked\n' });
  return repo;
}

beforeAll(async () => {
  for (const name of CASES) repos.set(name, { repo: build(), store: new MemoryStore() });
  // Identities younger than two seconds are never stored (they could change within the same clock tick).
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  for (const { repo, store } of repos.values()) {
    listFiles(repo.dir, DEFAULT_LIMITS, { store });
    expect(store.value).toBeDefined();
    store.plant();
  }
}, 30_000);

/**
 * What git says now: the listing without a store, and the commit HEAD is at, which a listing
 * checked against a stored one reads (and never keeps with it: see 'follows a new commit').
 */
function gitSays(repo: TestRepo): ReturnType<typeof listFiles> {
  return { ...listFiles(repo.dir, DEFAULT_LIMITS), commit: repo.git(['rev-parse', 'HEAD']).trim() };
}

/** After a change: the listing is not the stored one, and is what git says now. */
function expectFresh(name: (typeof CASES)[number]): void {
  const { repo, store } = repos.get(name)!;
  const listed = listFiles(repo.dir, DEFAULT_LIMITS, { store });
  expect(listed.contentKey).not.toBe('marker');
  expect(listed).toEqual(gitSays(repo));
}

describe('the stored listing', () => {
  it('is reused when nothing changed (no git process)', () => {
    const { repo, store } = repos.get('unchanged')!;
    const reused = listFiles(repo.dir, DEFAULT_LIMITS, { store });
    expect(reused.contentKey).toBe('marker');
    expect({ ...reused, contentKey: 'x' }).toEqual({ ...gitSays(repo), contentKey: 'x' });
  });

  it('names the commit HEAD is at now, even when the branch moved and nothing else did', () => {
    const { repo, store } = repos.get('unchanged')!;
    // A commit of the same tree, the branch moved by update-ref: HEAD's file and the index untouched.
    const moved = repo.git(['commit-tree', 'HEAD^{tree}', '-p', 'HEAD', '-m', 'same tree'], repo.env(alice, 2)).trim();
    repo.git(['update-ref', 'refs/heads/main', moved]);
    const reused = listFiles(repo.dir, DEFAULT_LIMITS, { store });
    expect(reused.contentKey).toBe('marker');
    expect(reused.commit).toBe(moved);
    expect((store.value as ListingSnapshot).result).not.toHaveProperty('commit');
  });

  it('is not reused after an edit of the same size', () => {
    const file = join(repos.get('edited')!.repo.dir, 'deploy', 'app.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('kind', 'KIND'));
    expectFresh('edited');
  });

  it('notices a new untracked file, at the top, deep down, or in a folder of ignored files', () => {
    writeFileSync(join(repos.get('untracked-root')!.repo.dir, 'new.yaml'), 'kind: ConfigMap\n');
    expectFresh('untracked-root');
    writeFileSync(join(repos.get('untracked-deep')!.repo.dir, 'deploy', 'deep', 'new.yaml'), 'kind: ConfigMap\n');
    expectFresh('untracked-deep');
    writeFileSync(join(repos.get('untracked-in-ignored-only')!.repo.dir, 'logs', 'new.yaml'), 'kind: ConfigMap\n');
    expectFresh('untracked-in-ignored-only');
    expect(listFiles(repos.get('untracked-in-ignored-only')!.repo.dir, DEFAULT_LIMITS).files.map((f) => f.path)).toContain('logs/new.yaml');
  });

  it('notices a deleted file', () => {
    rmSync(join(repos.get('deleted')!.repo.dir, 'deploy', 'deep', 'svc.yaml'));
    expectFresh('deleted');
  });

  it('follows a new commit, a branch switch and a change to the index', () => {
    const commit = repos.get('commit')!.repo;
    commit.write({ 'deploy/app.yaml': 'kind: Deployment\nmetadata: {}\n' });
    commit.git(['commit', '--quiet', '-am', 'change'], commit.env(alice, 0));
    expectFresh('commit');
    const branch = repos.get('branch')!.repo;
    branch.git(['checkout', '--quiet', 'other']);
    branch.git(['rm', '--quiet', 'Dockerfile']);
    branch.git(['commit', '--quiet', '-m', 'drop'], branch.env(alice, 0));
    branch.git(['checkout', '--quiet', 'main']);
    expectFresh('branch');
    const index = repos.get('index')!.repo;
    writeFileSync(join(index.dir, 'staged.yaml'), 'kind: Secret\n');
    expectFresh('index');
    repos.get('index')!.store.plant();
    index.git(['add', 'staged.yaml']); // same files, but the content is now named by its blob id
    expectFresh('index');
  });

  it('follows ignore rules: a .gitignore or .git/info/exclude edit', () => {
    appendFileSync(join(repos.get('gitignore')!.repo.dir, '.gitignore'), 'deploy/\n');
    expectFresh('gitignore');
    const exclude = repos.get('exclude')!.repo;
    mkdirSync(join(exclude.dir, '.git', 'info'), { recursive: true });
    appendFileSync(join(exclude.dir, '.git', 'info', 'exclude'), 'notes.txt\n'); // nothing in the work tree changes
    expectFresh('exclude');
    expect(listFiles(exclude.dir, DEFAULT_LIMITS).files.map((f) => f.path)).not.toContain('notes.txt');
  });

  it('treats a corrupt entry as a miss', () => {
    const { repo, store } = repos.get('corrupt')!;
    for (const garbage of [null, 'x', {}, { version: 2, control: {}, dirs: {}, ignores: {}, files: [['a', 1]], result: {} }, { version: 2, control: {}, dirs: {}, ignores: {}, files: {}, result: { lister: 'git', contentKey: 'k', warnings: [] } }]) {
      store.value = garbage;
      expect(listFiles(repo.dir, DEFAULT_LIMITS, { store })).toEqual(gitSays(repo));
    }
  });
});

describe('listing with git in its own process (listFilesAsync)', () => {
  it('gives what the synchronous listing gives, and lets the caller work while git runs', async () => {
    const repo = build();
    let calls = 0;
    let slices = 0;
    // The caller may work in slices until git is done; the listing waits for that work to end.
    const listed = await listFilesAsync(repo.dir, DEFAULT_LIMITS, {
      whileGitRuns: async (gitDone) => {
        calls++;
        while (!gitDone()) {
          slices++;
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
    });
    expect(calls).toBe(1);
    expect(slices).toBeGreaterThan(0);
    expect(listed).toEqual(listFiles(repo.dir, DEFAULT_LIMITS));
    expect(listed.lister).toBe('git');
    expect(listed.files.map((f) => f.path).sort()).toEqual(['.gitignore', 'Dockerfile', 'deploy/app.yaml', 'deploy/deep/svc.yaml', 'notes.txt']);
  });

  it('starts no git process for a stored listing that still stands', async () => {
    const { repo, store } = repos.get('unchanged')!;
    let calls = 0;
    const reused = await listFilesAsync(repo.dir, DEFAULT_LIMITS, { store, whileGitRuns: () => void calls++ });
    expect(calls).toBe(0);
    expect(reused.contentKey).toBe('marker');
  });

  it('walks a folder outside git after git refuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-nogit-'));
    try {
      mkdirSync(join(dir, 'k8s'));
      writeFileSync(join(dir, 'k8s', 'app.yaml'), 'kind: Deployment\n');
      const listed = await listFilesAsync(dir, DEFAULT_LIMITS);
      expect(listed.lister).toBe('walk');
      expect(listed.files.map((f) => f.path)).toEqual(['k8s/app.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the stored listing of a plain folder (no git repository here or above)', () => {
  const folders: string[] = [];
  /** A plain folder with a .gitignore the walk honours, listed once and stored (after the two-second racy window). */
  async function stored(): Promise<{ dir: string; store: MemoryStore }> {
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-plain-'));
    folders.push(dir);
    mkdirSync(join(dir, 'deploy', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20\n');
    writeFileSync(join(dir, 'deploy', 'app.yaml'), 'kind: Deployment\n');
    writeFileSync(join(dir, 'deploy', 'deep', 'svc.yaml'), 'kind: Service\n');
    writeFileSync(join(dir, '.gitignore'), '*.log\n');
    writeFileSync(join(dir, 'a.log'), 'x\n');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const store = new MemoryStore();
    const first = listFiles(dir, DEFAULT_LIMITS, { store });
    expect(first.lister).toBe('walk');
    expect(store.value).toBeDefined();
    store.plant();
    return { dir, store };
  }

  it('is reused when nothing changed, without git, and follows an edit, a new file, a deletion, a .gitignore edit and a git init', async () => {
    try {
      const { dir, store } = await stored();
      let calls = 0;
      const reused = await listFilesAsync(dir, DEFAULT_LIMITS, { store, whileGitRuns: () => void calls++ });
      expect(calls).toBe(0);
      expect(reused.contentKey).toBe('marker');
      expect({ ...reused, contentKey: 'x' }).toEqual({ ...listFiles(dir, DEFAULT_LIMITS), contentKey: 'x' });

      const changes: ((dir: string) => void)[] = [
        (d) => writeFileSync(join(d, 'deploy', 'app.yaml'), 'KIND: Deployment\n'),
        (d) => writeFileSync(join(d, 'deploy', 'deep', 'new.yaml'), 'kind: ConfigMap\n'),
        (d) => rmSync(join(d, 'Dockerfile')),
        (d) => appendFileSync(join(d, '.gitignore'), 'deploy/deep/\n'),
        (d) => mkdirSync(join(d, '.git')),
      ];
      for (const change of changes) {
        const { dir: changed, store: kept } = await stored();
        change(changed);
        const listed = listFiles(changed, DEFAULT_LIMITS, { store: kept });
        expect(listed.contentKey).not.toBe('marker');
        expect(listed).toEqual(listFiles(changed, DEFAULT_LIMITS));
      }
    } finally {
      for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
