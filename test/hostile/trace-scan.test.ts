import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, NOW, TestRepo } from '../history/git-fixture.js';
import { HEALTHY_MANIFEST, ROOT } from './helpers.js';

/**
 * The promise, shown on the running process: a scan of a hostile repository, run from inside it
 * with default options (history on, cache on), starts no program the repository names and opens
 * no file outside it. `strace -f` records every open and every program started by the CLI and
 * all its children (git included); each successful open must be inside the repository, the tool's
 * own install, node and the system's libraries, /proc, /sys or /dev, or the test's home, cache and
 * temporary folders. The repository's `.git/config` names programs and files in a folder beside
 * it (`outside/`): traps that leave a mark when run, a mailmap, exclude and attribute files; a manifest
 * is a link into that folder; its own `.k8s-maturity.yaml` names a kubeconfig there with an exec
 * plugin, and repositories outside.
 */

const STRACE = spawnSync('strace', ['-V'], { encoding: 'utf8' }).status === 0;
if (!STRACE) console.warn('trace-scan: strace is not installed here; the file-open trace test is skipped (apt-get install strace)');

let work: string;
let repo: string;
let outside: string;
interface Traced {
  opens: { path: string; pid: string }[];
  programs: string[];
  stdout: string;
}
let traced: Traced | undefined;
let exitCode: number | null;
let linked: string;
let linkedTrace: { exitCode: number | null; traced: Traced } | undefined;

beforeAll(() => {
  if (!STRACE) return;
  work = realpathSync(mkdtempSync(join(tmpdir(), 'k8sm-trace-')));
  outside = join(work, 'outside');
  const marks = join(outside, 'marks');
  mkdirSync(marks, { recursive: true });
  const trap = (name: string): string => {
    const file = join(outside, `trap-${name}`);
    writeFileSync(file, `#!/bin/sh\ntouch '${join(marks, name)}'\ncat\n`);
    chmodSync(file, 0o755);
    return file;
  };
  writeFileSync(join(outside, 'mailmap'), `Olive Outsider <olive@victim.example> <${alice.email}>\n`);
  writeFileSync(join(outside, 'ignore'), '*.yaml\n');
  writeFileSync(join(outside, 'attributes'), '* filter=evil\n');
  writeFileSync(join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: outside\nstringData:\n  password: outside-canary-7731\n');

  repo = join(work, 'repo');
  mkdirSync(repo);
  const r = new TestRepo(repo);
  r.git(['init', '--quiet', '--initial-branch=main']);
  r.commit(alice, -500, { 'deploy/web.yaml': HEALTHY_MANIFEST, Dockerfile: 'FROM nginx:1.27\n', '.gitattributes': '* filter=evil diff=evil\n' });
  r.commit(bob, -501, { 'deploy/kustomization.yaml': 'resources:\n  - web.yaml\n  - ../../outside/secret.yaml\n' });
  // (A `.mailmap` linked out of the tree would keep git from running at all: see git-confined.test.ts.)
  writeFileSync(join(repo, '.mailmap'), `Alice D. <${alice.email}>\n`);
  symlinkSync(join(outside, 'secret.yaml'), join(repo, 'deploy', 'linked-secret.yaml'));
  const settings: [string, string][] = [
    ['core.fsmonitor', trap('fsmonitor')],
    ['core.hooksPath', outside],
    ['core.pager', trap('pager')],
    ['core.sshCommand', trap('ssh')],
    ['core.askPass', trap('askpass')],
    ['core.editor', trap('editor')],
    ['core.excludesFile', join(outside, 'ignore')],
    ['core.attributesFile', join(outside, 'attributes')],
    ['mailmap.file', join(outside, 'mailmap')],
    ['filter.evil.clean', trap('clean')],
    ['filter.evil.smudge', trap('smudge')],
    ['filter.evil.process', trap('process')],
    ['filter.evil.required', 'true'],
    ['diff.external', trap('diff')],
    ['diff.evil.textconv', trap('textconv')],
    ['log.showSignature', 'true'],
    ['gpg.program', trap('gpg')],
    ['credential.helper', trap('credential')],
  ];
  for (const [key, value] of settings) r.git(['config', key, value]);
  for (const hook of ['post-checkout', 'post-index-change', 'reference-transaction', 'pre-auto-gc']) writeFileSync(join(outside, hook), readFileSync(trap(hook)));
  // A configuration of its own, naming a kubeconfig with an exec plugin and repositories outside (scanned content: see docs/security.md, Trust model).
  writeFileSync(join(outside, 'kubeconfig'), `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:9\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\nusers:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${trap('exec-plugin')}\n`);
  writeFileSync(join(repo, '.k8s-maturity.yaml'), `clusters:\n  - kubeconfig: ../outside/kubeconfig\nrepositories:\n  - ../outside\n  - .\n`);
  // Racy files: a status-like command would want to run the clean filter on them.
  writeFileSync(join(repo, 'Dockerfile'), 'FROM nginx:1.27\n# changed\n');

  for (const dir of ['home', 'cache', 'tmp']) mkdirSync(join(work, dir));
  ({ exitCode, traced } = traceScan(repo, 'trace'));

  // A folder whose `.git` file leads to a repository outside it (with recent commits by an outsider).
  const victim = join(outside, 'victim');
  mkdirSync(victim);
  const v = new TestRepo(victim);
  v.git(['init', '--quiet', '--initial-branch=main']);
  v.commit({ name: 'Olive Outsider', email: 'olive@victim.example' }, 2 - Math.floor((Date.now() - NOW.getTime()) / 86_400_000), { 'deploy/plan.yaml': HEALTHY_MANIFEST });
  linked = join(work, 'linked');
  mkdirSync(join(linked, 'deploy'), { recursive: true });
  writeFileSync(join(linked, 'deploy', 'web.yaml'), HEALTHY_MANIFEST);
  writeFileSync(join(linked, '.git'), `gitdir: ${join(victim, '.git')}\n`);
  linkedTrace = traceScan(linked, 'trace-linked');
}, 300_000);

/** Runs the CLI under strace from inside `dir` with default options; what it opened (with -y: links resolved) and started. */
function traceScan(dir: string, name: string): { exitCode: number | null; traced: Traced } {
  const log = join(work, name);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: join(work, 'home'), XDG_CACHE_HOME: join(work, 'cache'), TMPDIR: join(work, 'tmp'), NO_COLOR: '1' };
  const run = spawnSync('strace', ['-f', '-ff', '-qq', '-y', '-s', '4096', '-e', 'trace=open,openat,openat2,execve,execveat', '-o', log, process.execPath, join(ROOT, 'bin', 'k8s-maturity.cjs'), 'scan', '--format', 'json', '--quiet'], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 240_000,
  });
  const result: Traced = { opens: [], programs: [], stdout: run.stdout };
  for (const file of readdirSync(work).filter((f) => f.startsWith(`${name}.`))) {
    const pid = file.slice(name.length + 1);
    for (const line of readFileSync(join(work, file), 'utf8').split('\n')) {
      const exec = /^execve(?:at)?\((?:\d+<[^>]*>, )?"([^"]+)".* = 0$/.exec(line);
      if (exec) result.programs.push(exec[1]!);
      // With -y, strace prints the file a returned descriptor stands for: what was really opened, links resolved.
      const open = /^open(?:at2?)?\(.* = \d+<(.*)>$/.exec(line);
      if (open) result.opens.push({ pid, path: open[1]! });
    }
  }
  return { exitCode: run.status, traced: result };
}

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Where a scan may open files: the repository, the tool, node and the system's libraries, the kernel's views, the test's own folders. */
function allowedPrefixes(scanned: string): string[] {
  const node = realpathSync(process.execPath);
  return [
    scanned,
    ROOT,
    realpathSync(ROOT),
    node,
    process.execPath,
    join(work, 'home'),
    join(work, 'cache'),
    join(work, 'tmp'),
    '/proc/',
    '/sys/',
    '/dev/null',
    '/dev/urandom',
    '/dev/tty',
    '/lib/',
    '/lib64/',
    '/usr/lib/',
    '/usr/lib64/',
    '/usr/share/',
    '/etc/ld.so.cache',
    '/etc/localtime',
    '/etc/ssl/',
    '/etc/nsswitch.conf',
    '/etc/passwd',
    '/etc/group',
    dirname(dirname(node)) === '/usr' ? '/usr/lib/' : join(dirname(dirname(node)), 'lib'),
  ];
}

/** Files opened outside every allowed place. */
function strays(trace: Traced, scanned: string): string[] {
  const prefixes = allowedPrefixes(scanned);
  return [...new Set(trace.opens.map((o) => o.path))].filter((path) => !prefixes.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)));
}

describe.skipIf(!STRACE)('a traced scan of a hostile repository, from inside it, with default options', () => {
  it('finishes', () => {
    expect(exitCode).toBe(0);
    expect(traced!.opens.some((o) => o.path === join(repo, 'deploy', 'web.yaml'))).toBe(true);
  });

  it('starts no program but node and git', () => {
    const programs = [...new Set(traced!.programs)];
    const allowed = (program: string): boolean => program === process.execPath || program === realpathSync(process.execPath) || /^\/usr\/(bin|lib\/git-core)\/git(-[a-z-]+)?$/.test(program);
    expect(programs.filter((p) => !allowed(p))).toEqual([]);
    expect(programs.some((p) => p.endsWith('/git'))).toBe(true); // git did run: this trace covers its opens too
    expect(existsSync(join(outside, 'marks')) ? readdirSync(join(outside, 'marks')) : []).toEqual([]);
  });

  it('opens nothing outside the repository, the tool, node, the system libraries and its own folders', () => {
    expect(strays(traced!, repo)).toEqual([]);
    expect(traced!.opens.filter((o) => o.path.startsWith(outside))).toEqual([]);
  });

  it('opens nothing of the repository a .git file leads to, and runs no git there', () => {
    expect(linkedTrace!.exitCode).toBe(0);
    expect(linkedTrace!.traced.opens.some((o) => o.path === join(linked, 'deploy', 'web.yaml'))).toBe(true);
    expect(strays(linkedTrace!.traced, linked)).toEqual([]);
    expect(linkedTrace!.traced.opens.filter((o) => o.path.startsWith(outside))).toEqual([]);
    expect(linkedTrace!.traced.stdout).not.toContain('olive@victim.example');
    expect(linkedTrace!.traced.programs.filter((program) => /\/git(-[a-z-]+)?$/.test(program))).toEqual([]);
  });
});
