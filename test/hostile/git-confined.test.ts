import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitConfinement } from '../../src/sources/git/confine.js';
import { listFiles } from '../../src/sources/repository/list-files.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { alice, bob, NOW, rawGit, TestRepo, type Author } from '../history/git-fixture.js';
import { HEALTHY_MANIFEST, runCli, type JsonReport } from './helpers.js';

/**
 * git confined to the scanned tree: no FIFO outside `.git` makes it wait (the top's `.mailmap` and
 * `.gitignore`, one deep in the tree, files named by the repository's `.git/config`), and nothing
 * outside the tree is read through that configuration (`mailmap.file`, `include.path`,
 * `core.worktree`, alternates) or through a `.git` file or link that leads to another repository.
 * Each scan is the real command line with default options (history on); the CLI's own timeout is
 * only a safety net: what is asserted is a finished scan and its warning, never a duration.
 */

let work: string;
const outsider: Author = { name: 'Olive Outsider', email: 'olive@victim.example' };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-git-confined-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Days before the fixture's fixed NOW that are `days` before today: the default history window sees them. */
const recent = (days: number): number => days - Math.floor((Date.now() - NOW.getTime()) / 86_400_000);

/** A repository with two people changing deploy files (recent commits: the default window sees them). */
function repository(name: string): TestRepo {
  const dir = join(work, name);
  mkdirSync(dir);
  const repo = new TestRepo(dir);
  repo.git(['init', '--quiet', '--initial-branch=main']);
  repo.commit(alice, recent(3), { 'deploy/web.yaml': HEALTHY_MANIFEST });
  repo.commit(bob, recent(2), { 'deploy/api.yaml': HEALTHY_MANIFEST.replace('web', 'api') });
  return repo;
}

/** Another repository beside the scanned one, whose authors and files must never show. */
function victim(name: string): TestRepo {
  const dir = join(work, name);
  mkdirSync(dir);
  const repo = new TestRepo(dir);
  repo.git(['init', '--quiet', '--initial-branch=main']);
  repo.commit(outsider, recent(1), { 'deploy/secret-plan.yaml': HEALTHY_MANIFEST.replace('web', 'secret-plan') });
  return repo;
}

function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

async function scan(dir: string): Promise<{ code: number | null; report: JsonReport; text: string; warnings: string }> {
  const run = await runCli(['scan', dir, '--format', 'json', '--quiet'], { env: { XDG_CACHE_HOME: join(work, `cache-${Math.random()}`) }, timeoutMs: 100_000 });
  const report = JSON.parse(run.stdout || '{"warnings":[],"repositories":[]}') as JsonReport;
  return { code: run.code, report, text: run.stdout + run.stderr, warnings: report.warnings.map((w) => w.message).join('\n') };
}

const detected = (report: JsonReport): string[] => report.repositories[0]?.detections.map((d) => d.id) ?? [];

describe('git never waits on a FIFO outside .git', () => {
  it.each(['.mailmap', '.gitignore'])('a FIFO named %s at the top: the scan ends with a warning', async (name) => {
    const repo = repository(`fifo-top-${name.slice(1)}`);
    fifo(join(repo.dir, name));
    const { code, report, text } = await scan(repo.dir);
    expect(code).toBe(0);
    expect(detected(report)).toContain('k8s-manifests');
    expect(text).toContain(`${name} is not a regular file (git would wait on it): git not run`);
  }, 120_000);

  it('a FIFO .gitignore deep in the tree: git is stopped as soon as it waits, the folder is walked', async () => {
    const repo = repository('fifo-deep-gitignore');
    mkdirSync(join(repo.dir, 'a', 'b'), { recursive: true });
    fifo(join(repo.dir, 'a', 'b', '.gitignore'));
    const { code, report, text } = await scan(repo.dir);
    expect(code).toBe(0);
    expect(detected(report)).toContain('k8s-manifests');
    expect(text).toContain('git waited to open a file that is not a regular file (a FIFO?): git stopped; files listed by walking the folder');
  }, 120_000);

  it('a FIFO in place of an object git log opens: git is stopped, the files stand, history is unknown', async () => {
    const repo = repository('fifo-object');
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    const object = join(repo.dir, '.git', 'objects', head.slice(0, 2), head.slice(2));
    rmSync(object, { force: true });
    fifo(object);
    const { code, report, text } = await scan(repo.dir);
    expect(code).toBe(0);
    expect(detected(report)).toContain('k8s-manifests');
    expect(text).toContain('git waited to open a file that is not a regular file (a FIFO?): git stopped: history not read');
  }, 120_000);

  it.each([
    ['include.path', 'refused'],
    ['core.excludesFile', 'overridden'],
    ['core.attributesFile', 'overridden'],
    ['mailmap.file', 'overridden'],
  ])('a FIFO outside the tree named by %s in .git/config: the scan ends', async (key, how) => {
    const repo = repository(`fifo-config-${key}`);
    const named = fifo(join(work, `fifo-for-${key}`));
    repo.git(['config', key, named]);
    const { code, report, warnings } = await scan(repo.dir);
    expect(code).toBe(0);
    expect(detected(report)).toContain('k8s-manifests');
    if (how === 'refused') expect(warnings).toContain(`.git/config includes "${named}" (not a regular file): git would read it: git not run`);
    else expect(warnings).toContain(`the repository's git configuration names files for git to read (${key.toLowerCase()}): ignored`);
  }, 120_000);
});

describe('git never reads outside the tree', () => {
  it('ignores a mailmap.file outside the tree: no outside identity reaches the report', async () => {
    const repo = repository('mailmap-outside');
    const map = join(work, 'outside.mailmap');
    writeFileSync(map, `${outsider.name} <${outsider.email}> <${bob.email}>\n${outsider.name} <${outsider.email}> <${alice.email}>\n`);
    repo.git(['config', 'mailmap.file', map]);
    const { code, text } = await scan(repo.dir);
    expect(code).toBe(0);
    expect(text).not.toContain(outsider.email);
    expect(text).toContain(alice.email);
  }, 120_000);

  it('refuses an include.path outside the tree, which could set anything', async () => {
    const repo = repository('include-outside');
    const included = join(work, 'outside.gitconfig');
    writeFileSync(included, `[mailmap]\n\tfile = ${join(work, 'outside.mailmap')}\n`);
    repo.git(['config', 'include.path', included]);
    const { code, report, text, warnings } = await scan(repo.dir);
    expect(code).toBe(0);
    expect(detected(report)).toContain('k8s-manifests');
    expect(text).not.toContain(outsider.email);
    expect(warnings).toContain(`.git/config includes "${included}" (outside the repository): git would read it: git not run`);
  }, 120_000);

  it('follows an include.path to a plain file inside the repository', () => {
    const repo = repository('include-inside');
    writeFileSync(join(repo.dir, '.gitconfig'), '[core]\n\tautocrlf = false\n');
    repo.git(['config', 'include.path', '../.gitconfig']);
    expect(gitConfinement(repo.dir)).toEqual({ config: [] });
    expect(listFiles(repo.dir, DEFAULT_LIMITS).lister).toBe('git');
  });

  it.each(['file', 'symlink'])('walks without git a folder whose .git %s leads to another repository', async (kind) => {
    const other = victim(`victim-${kind}`);
    const dir = join(work, `dotgit-${kind}`);
    mkdirSync(join(dir, 'deploy'), { recursive: true });
    writeFileSync(join(dir, 'deploy', 'web.yaml'), HEALTHY_MANIFEST);
    if (kind === 'file') writeFileSync(join(dir, '.git'), `gitdir: ../victim-${kind}/.git\n`);
    else symlinkSync(join(other.dir, '.git'), join(dir, '.git'));
    const { code, report, text } = await scan(dir);
    expect(code).toBe(0);
    expect(detected(report)).toContain('k8s-manifests');
    expect(text).not.toContain(outsider.email);
    expect(text).not.toContain('secret-plan');
    expect(text).toContain(kind === 'file' ? 'which is not a work tree or submodule of this folder' : '.git is a symbolic link');
  }, 120_000);

  it('refuses an includeIf outside the tree, whatever its condition, and overrides mailmap.blob', () => {
    const repo = repository('include-if-outside');
    writeFileSync(join(work, 'outside-if.gitconfig'), '[user]\n\tname = x\n');
    repo.git(['config', 'includeIf.gitdir:/nowhere/.path', join(work, 'outside-if.gitconfig')]);
    expect(gitConfinement(repo.dir).refused).toBe(`.git/config includes "${join(work, 'outside-if.gitconfig')}" (outside the repository): git would read it`);
    const other = repository('mailmap-blob');
    other.git(['config', 'mailmap.blob', 'HEAD:outside.mailmap']);
    expect(gitConfinement(other.dir).config).toEqual(['mailmap.blob=']);
  });

  it('refuses a .git file pointing into another repository\'s worktrees folder (no back-pointer to this folder)', () => {
    const main = repository('stolen-main');
    main.git(['worktree', 'add', '--quiet', join(work, 'stolen-linked'), '-b', 'stolen']);
    const thief = join(work, 'thief');
    mkdirSync(thief);
    writeFileSync(join(thief, '.git'), `gitdir: ${join(main.dir, '.git', 'worktrees', 'stolen-linked')}\n`);
    expect(gitConfinement(thief).refused).toMatch(/which is not a work tree or submodule of this folder/);
  });

  it('refuses a core.worktree that names another folder', () => {
    const repo = repository('worktree-elsewhere');
    const other = victim('victim-worktree');
    repo.git(['config', 'core.worktree', other.dir]);
    expect(gitConfinement(repo.dir).refused).toBe(`.git/config sets core.worktree to "${other.dir}", another folder than this work tree`);
    const listed = listFiles(repo.dir, DEFAULT_LIMITS);
    expect(listed.lister).toBe('walk');
    expect(listed.files.map((f) => f.path)).not.toContain('deploy/secret-plan.yaml');
  });

  it('refuses objects borrowed from another repository (alternates outside the tree)', () => {
    const repo = repository('alternates-outside');
    const other = victim('victim-alternates');
    writeFileSync(join(repo.dir, '.git', 'objects', 'info', 'alternates'), `${join(other.dir, '.git', 'objects')}\n`);
    expect(gitConfinement(repo.dir).refused).toMatch(/^\.git\/objects\/info\/alternates names objects outside the repository/);
  });

  it('still uses git for the layouts git makes: a linked work tree and a submodule', () => {
    const main = repository('layout-main');
    main.git(['worktree', 'add', '--quiet', join(work, 'layout-linked'), '-b', 'side']);
    expect(gitConfinement(join(work, 'layout-linked'))).toEqual({ config: [] });
    expect(listFiles(join(work, 'layout-linked'), DEFAULT_LIMITS).lister).toBe('git');

    const sub = repository('layout-sub-origin');
    const superproject = repository('layout-super');
    rawGit(superproject.dir, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', sub.dir, 'vendor/sub']);
    const inside = join(superproject.dir, 'vendor', 'sub');
    expect(gitConfinement(inside)).toEqual({ config: [] });
    expect(listFiles(inside, DEFAULT_LIMITS).lister).toBe('git');
  });
});
