import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { readHistory } from '../../src/history/index.js';
import { ensureClone } from '../../src/sources/repository/clone.js';
import { listFiles } from '../../src/sources/repository/list-files.js';
import { alice, bob, daysAgo, NOW, rawGit, TestRepo } from './git-fixture.js';

/**
 * A repository whose .git/config tries every way we know to make git run a program: an fsmonitor,
 * hooks, a filter driver used by .gitattributes, an ssh command, an external diff, a pager and a
 * gpg program. Our git calls must never run any of them. Each program only drops a marker file.
 */

const HOOKS = ['post-checkout', 'post-merge', 'pre-commit', 'post-commit', 'reference-transaction', 'post-index-change', 'pre-auto-gc', 'post-rewrite'];

let root: string;
let markers: string;
let hostile: TestRepo;
/** Git settings that keep our own setup commits from springing the traps. */
const DEFUSED = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'filter.x.clean=', '-c', 'filter.x.smudge=', '-c', 'filter.x.required=false'];

function trap(name: string): string {
  const path = join(root, 'traps', name);
  writeFileSync(path, `#!/bin/sh\ntouch "${join(markers, name)}"\ncat\n`);
  chmodSync(path, 0o755);
  return path;
}

function sprung(): string[] {
  return readdirSync(markers).sort();
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'k8sm-hostile-'));
  markers = join(root, 'markers');
  mkdirSync(markers);
  mkdirSync(join(root, 'traps'));
  mkdirSync(join(root, 'hooks'));
  for (const hook of HOOKS) {
    writeFileSync(join(root, 'hooks', hook), `#!/bin/sh\ntouch "${join(markers, `hook-${hook}`)}"\n`);
    chmodSync(join(root, 'hooks', hook), 0o755);
  }

  hostile = new TestRepo();
  hostile.commit(alice, 30, { '.gitattributes': '* filter=x\n', 'main.tf': 'resource "aws_eks_cluster" "main" {}\n', 'Dockerfile': 'FROM node:20\n' });
  hostile.commit(bob, 20, { 'k8s/app.yaml': 'kind: Deployment\n' });
  const config: [string, string][] = [
    ['core.fsmonitor', trap('fsmonitor')],
    ['core.hooksPath', join(root, 'hooks')],
    ['filter.x.smudge', trap('smudge')],
    ['filter.x.clean', trap('clean')],
    ['filter.x.required', 'true'],
    ['core.sshCommand', trap('ssh')],
    ['diff.external', trap('diff')],
    ['core.pager', trap('pager')],
    ['pager.log', trap('pager-log')],
    ['log.showSignature', 'true'],
    ['gpg.program', trap('gpg')],
    ['uploadpack.packObjectsHook', trap('pack-objects-hook')],
    ['core.alternateRefsCommand', trap('alternate-refs')],
  ];
  for (const [key, value] of config) hostile.git(['config', key, value]);
  // Make the work tree racy, so that a status-like command would want to re-clean files.
  writeFileSync(join(hostile.dir, 'main.tf'), 'resource "aws_eks_cluster" "main" { version = "1.30" }\n');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('a repository whose configuration tries to run programs', () => {
  it('really is hostile: plain git runs its fsmonitor and its filter', () => {
    try {
      // status always asks the fsmonitor; whether it also re-cleans files depends on timestamps
      // (racy entries), so the filter is sprung with a command that always cleans.
      rawGit(hostile.dir, ['status', '--porcelain']);
      rawGit(hostile.dir, ['hash-object', 'main.tf']);
      expect(sprung()).toEqual(expect.arrayContaining(['fsmonitor', 'clean']));
    } finally {
      // Whatever plain git sprang (a post-index-change hook too, at times) must not count against our own calls below.
      for (const name of sprung()) rmSync(join(markers, name));
    }
  });

  it('is listed without running anything', () => {
    const { files, lister } = listFiles(hostile.dir, DEFAULT_LIMITS);
    expect(lister).toBe('git');
    expect(files.map((f) => f.path)).toEqual(['.gitattributes', 'Dockerfile', 'k8s/app.yaml', 'main.tf']);
    expect(sprung()).toEqual([]);
  });

  it('has its history read without running anything', () => {
    const facts = readHistory(hostile.dir, { since: daysAgo(180), now: NOW });
    expect(facts.detections.map((d) => d.id)).toContain('team-wide-ownership');
    expect(sprung()).toEqual([]);
  });

  it('is cloned and refreshed without running anything, even with a hostile global configuration', async () => {
    // The clone's own config is fresh, so the traps that matter are the user's: make HOME hostile.
    const home = join(root, 'home');
    mkdirSync(join(home, 'template', 'hooks'), { recursive: true });
    writeFileSync(join(home, 'template', 'hooks', 'post-checkout'), `#!/bin/sh\ntouch "${join(markers, 'template-post-checkout')}"\n`);
    chmodSync(join(home, 'template', 'hooks', 'post-checkout'), 0o755);
    writeFileSync(
      join(home, '.gitconfig'),
      [
        '[filter "x"]',
        `\tsmudge = ${trap('global-smudge')}`,
        `\tclean = ${trap('global-clean')}`,
        '\trequired = true',
        '[init]',
        `\ttemplateDir = ${join(home, 'template')}`,
        '[core]',
        `\tfsmonitor = ${trap('global-fsmonitor')}`,
        '',
      ].join('\n'),
    );
    const savedHome = process.env.HOME;
    const savedXdg = process.env.XDG_CONFIG_HOME;
    process.env.HOME = home;
    delete process.env.XDG_CONFIG_HOME;
    try {
      const cache = join(root, 'cache');
      const url = `file://${hostile.dir}`;
      const first = await ensureClone(url, cache, { allowFileProtocol: true });
      expect(first.refreshed).toBe(false);
      expect(listFiles(first.path, DEFAULT_LIMITS).files.map((f) => f.path)).toEqual(['.gitattributes', 'Dockerfile', 'k8s/app.yaml', 'main.tf']);

      rawGit(hostile.dir, [...DEFUSED, 'commit', '--quiet', '-am', 'upgrade'], hostile.env(alice, 10));
      const second = await ensureClone(url, cache, { allowFileProtocol: true });
      expect(second).toEqual({ path: first.path, refreshed: true });
      expect(readHistory(second.path, { since: daysAgo(180), now: NOW }).stats.commits).toBe(3);
    } finally {
      process.env.HOME = savedHome;
      if (savedXdg !== undefined) process.env.XDG_CONFIG_HOME = savedXdg;
    }
    expect(sprung()).toEqual([]);
  });
});

describe('a repository that rewrites its past with replace refs', () => {
  it('has its history read as committed, not as the replace refs say', () => {
    // refs/replace can put any commit in another's place, e.g. to invent a second owner. The
    // history read from the checked-out branch must see the commits that were made.
    const repo = new TestRepo();
    repo.commit(alice, 40, { 'Dockerfile': 'FROM node:20\n' });
    const real = repo.commit(alice, 30, { 'k8s/app.yaml': 'kind: Deployment\n' });
    const parent = repo.git(['rev-parse', `${real}^`]).trim();
    const tree = repo.git(['rev-parse', `${real}^{tree}`]).trim();
    const fake = rawGit(repo.dir, ['commit-tree', tree, '-p', parent, '-m', 'change'], repo.env(bob, 30)).trim();
    repo.git(['replace', real, fake]);
    // Plain git believes the replacement.
    expect(rawGit(repo.dir, ['log', '-1', '--format=%ae'])).toContain(bob.email);
    const facts = readHistory(repo.dir, { since: daysAgo(180), now: NOW });
    expect(facts.stats).toMatchObject({ commits: 2, authors: 1 });
  });
});
