import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { getAssessment, listAssessments } from '../../src/store/queries.js';
import { readCommits, sourceFacts } from '../../src/store/run-facts.js';
import { enginesToTest, freshStore } from './engines.js';
import { cli, tempHome, write } from './example.js';

/**
 * `scan --save` takes each repository's commit from its scan (which reads HEAD to check its stored
 * listing), and reads the others itself: the recorded sources must name every repository with the
 * commit git says its HEAD is at, also when a rescan reuses everything but HEAD moved.
 */

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' }).trim();

function repository(parent: string, name: string): string {
  const root = join(parent, name);
  write(root, 'deploy/deployment.yaml', `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/${name}:1.2.3\n`);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'first');
  return root;
}

describe('the commits of a saved scan', () => {
  it('are those the scan read, else read from HEAD; a repository not planned is read when the facts are made', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'k8sm-commits-'));
    const a = repository(parent, 'a');
    const b = repository(parent, 'b');
    const c = repository(parent, 'c');
    // The scan read a's commit; c's is read from its folder.
    const scanned = git(a, 'rev-parse', 'HEAD');
    write(a, 'README.md', 'later\n');
    git(a, 'add', '.');
    git(a, 'commit', '-q', '-m', 'later');
    const known = readCommits([{ path: 'a', root: a }, { path: 'c', root: c }], new Map([['a', scanned]]));
    expect(known.get('a')).toBe(scanned);
    expect(known.get('c')).toBe(git(c, 'rev-parse', 'HEAD'));
    // The facts keep the commit the scan read (the one scanned), not the later one.
    const sources = await sourceFacts([{ path: 'a' }, { path: 'b' }, { path: 'c' }], [{ name: 'prod' }], { cwd: parent, known });
    expect(sources).toEqual([
      { kind: 'repository', name: 'a', commit: scanned },
      { kind: 'repository', name: 'b', commit: git(b, 'rev-parse', 'HEAD') },
      { kind: 'repository', name: 'c', commit: git(c, 'rev-parse', 'HEAD') },
      { kind: 'cluster', name: 'prod' },
    ]);
  });

  it('leaves the commit out for a folder that is not a git repository', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'k8sm-commits-'));
    write(parent, 'plain/deploy/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: plain\n');
    const known = readCommits([{ path: 'plain', root: join(parent, 'plain') }], new Map());
    expect(known.has('plain')).toBe(true);
    expect(await sourceFacts([{ path: 'plain' }], [], { cwd: parent, known })).toEqual([{ kind: 'repository', name: 'plain' }]);
  });
});

describe.each(enginesToTest())('scan --save of several repositories on %s', (engine) => {
  it('records each repository with its HEAD commit, and empties the spool', { timeout: 120_000 }, async () => {
    const parent = mkdtempSync(join(tmpdir(), 'k8sm-commits-'));
    // Four or more: scanned on worker threads, as an organization is.
    const names = ['api', 'web', 'worker', 'billing', 'search'];
    const heads = new Map(names.map((name) => [name, git(repository(parent, name), 'rev-parse', 'HEAD')]));
    const location = await freshStore(engine);
    const url = location.engine === 'sqlite' ? `sqlite:${location.path}` : location.url;
    const home = tempHome();
    const run = cli(['scan', ...names, '--save', '--store', url, '--format', 'json', '--quiet'], { cwd: parent, home });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).repositories).toHaveLength(names.length);
    expect(readdirSync(join(home, 'state', 'k8s-maturity', 'spool'))).toEqual([]);

    const store = await openStore(location);
    try {
      const [summary] = await listAssessments(store, {});
      const stored = await getAssessment(store, summary!.id);
      expect(stored?.sources).toEqual(names.map((name) => ({ kind: 'repository', name, commit: heads.get(name) })));
    } finally {
      await store.close();
    }

    // web's branch moves to a new commit of the same tree, its HEAD file and index untouched: the
    // rescan reuses web's stored listing and cached result, and must still record the new commit.
    const web = join(parent, 'web');
    const moved = git(web, 'commit-tree', 'HEAD^{tree}', '-p', 'HEAD', '-m', 'same tree');
    git(web, 'update-ref', 'refs/heads/main', moved);
    heads.set('web', moved);
    const commitsOf = async (run: { code: number | null; stderr: string }) => {
      expect(run.code).toBe(0);
      const id = /recorded assessment (\S+) in/.exec(run.stderr)?.[1];
      expect(id).toBeDefined();
      const reopened = await openStore(location);
      try {
        return (await getAssessment(reopened, id!))?.sources;
      } finally {
        await reopened.close();
      }
    };
    const expected = names.map((name) => ({ kind: 'repository', name, commit: heads.get(name) }));
    expect(await commitsOf(cli(['scan', ...names, '--save', '--store', url, '--format', 'json', '-o', '/dev/null'], { cwd: parent, home }))).toEqual(expected);
    // Without the cache the scan reads no HEAD: the commits are read from the folders.
    expect(await commitsOf(cli(['scan', ...names, '--save', '--store', url, '--no-cache', '--format', 'json', '-o', '/dev/null'], { cwd: parent, home }))).toEqual(expected);
  });
});
