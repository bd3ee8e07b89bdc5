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
 * `scan --save` reads each repository's commit while the scan runs (once the repositories are
 * planned), not after it: the recorded sources must still name every repository with the commit
 * git says its HEAD is at.
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
  it('are read ahead from HEAD, and a repository not read ahead is read when the facts are made', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'k8sm-commits-'));
    const a = repository(parent, 'a');
    const b = repository(parent, 'b');
    const known = await readCommits([{ path: 'a', root: a }]);
    expect(known.get('a')).toBe(git(a, 'rev-parse', 'HEAD'));
    // A commit after the reading: the facts keep the commit read ahead (the one scanned).
    const scanned = git(a, 'rev-parse', 'HEAD');
    write(a, 'README.md', 'later\n');
    git(a, 'add', '.');
    git(a, 'commit', '-q', '-m', 'later');
    const sources = await sourceFacts([{ path: 'a' }, { path: 'b' }], [{ name: 'prod' }], { cwd: parent, known });
    expect(sources).toEqual([
      { kind: 'repository', name: 'a', commit: scanned },
      { kind: 'repository', name: 'b', commit: git(b, 'rev-parse', 'HEAD') },
      { kind: 'cluster', name: 'prod' },
    ]);
  });

  it('leaves the commit out for a folder that is not a git repository', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'k8sm-commits-'));
    write(parent, 'plain/deploy/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: plain\n');
    const known = await readCommits([{ path: 'plain', root: join(parent, 'plain') }]);
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
  });
});
