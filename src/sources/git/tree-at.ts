import { execFileSync } from 'node:child_process';
import type { ScanWarning } from '../../core/types.js';
import { GitRefusedError, gitArgsFor, gitEnvFor, gitSync } from './safe-git.js';

/**
 * A repository as it was at a past commit, read from git's objects only: `git ls-tree` lists the
 * files, `git cat-file --batch` reads their contents. The work tree and the index are never
 * touched, so a timeline can run in a checkout someone is working in.
 */

/** One commit of the main branch: its id, committer time (seconds) and root tree. */
export interface BranchCommit {
  commit: string;
  tree: string;
  time: number;
}

/** A file of a past tree: its path, size in bytes and blob id. */
export interface TreeFile {
  path: string;
  size: number;
  blob: string;
}

const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The main branch's name: the configured one, else what HEAD names, else `main` or `master`.
 * Undefined when none of them is a branch with commits.
 */
export function findMainBranch(root: string, configured?: string): string | undefined {
  const candidates: string[] = [];
  if (configured) candidates.push(configured);
  try {
    const head = gitSync(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: root, timeoutMs: 10_000 }).trim();
    if (head) candidates.push(head);
  } catch (error) {
    // git refused to run here (confine.ts): that is the answer, not a detached HEAD.
    if (error instanceof GitRefusedError) throw error;
    // A detached HEAD: fall back to the usual names.
  }
  candidates.push('main', 'master');
  for (const name of candidates) {
    // Only names git itself would accept as a branch; never an option or a range.
    if (!/^[A-Za-z0-9._/-]+$/.test(name) || name.startsWith('-') || name.includes('..')) continue;
    try {
      const id = gitSync(['rev-parse', '--verify', '--quiet', `refs/heads/${name}^{commit}`], { cwd: root, timeoutMs: 10_000 }).trim();
      if (HASH.test(id)) return name;
    } catch {
      // not a branch here
    }
  }
  return undefined;
}

/** First-parent commits read at most: a deeper history is cut there, and said so by the caller. */
export const MAX_BRANCH_COMMITS = 200_000;

/**
 * The branch's first-parent commits, newest first, each with its tree. Replace refs and grafts are
 * switched off (`--no-replace-objects`): a repository cannot make its history say something else.
 */
export function branchCommits(root: string, branch: string, maxCommits = MAX_BRANCH_COMMITS): BranchCommit[] {
  const out = gitSync(['--no-replace-objects', 'log', '--first-parent', `--max-count=${maxCommits}`, '--format=%H %T %ct', `refs/heads/${branch}`, '--'], {
    cwd: root,
    timeoutMs: 120_000,
  });
  const commits: BranchCommit[] = [];
  for (const line of out.split('\n')) {
    const [commit, tree, time] = line.split(' ');
    if (!commit || !tree || !HASH.test(commit) || !HASH.test(tree)) continue;
    const seconds = Number(time);
    commits.push({ commit, tree, time: Number.isFinite(seconds) ? seconds : 0 });
  }
  return commits;
}

/**
 * The last commit on or before `at`: the newest first-parent commit whose committer date is not
 * after it. Dates out of order (a commit dated in the future, or before 1970) are taken as they
 * are: the walk goes newest first and stops at the first one that fits.
 */
export function commitAt(commits: readonly BranchCommit[], at: Date): BranchCommit | undefined {
  const seconds = Math.floor(at.getTime() / 1000);
  return commits.find((c) => c.time <= seconds);
}

/**
 * Every regular file of a tree with its size and blob id (`git ls-tree -r -l -z`). Links and
 * submodules are left out: a link's target is not content of this tree, and a submodule is
 * another repository. At most `maxFiles` files; beyond it a warning says so.
 */
export function listTree(root: string, tree: string, maxFiles: number): { files: TreeFile[]; warnings: ScanWarning[] } {
  if (!HASH.test(tree)) throw new Error(`not a tree id: ${tree}`);
  const out = gitSync(['--no-replace-objects', 'ls-tree', '-r', '-l', '-z', '--full-tree', tree], { cwd: root, timeoutMs: 120_000, maxBuffer: 512 * 1024 * 1024 });
  const files: TreeFile[] = [];
  const warnings: ScanWarning[] = [];
  for (const entry of out.split('\0')) {
    if (entry === '') continue;
    // "<mode> <type> <id> <size>\t<path>"
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, blob, size] = entry.slice(0, tab).split(/ +/);
    const path = entry.slice(tab + 1);
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || !blob || !HASH.test(blob)) continue;
    if (files.length >= maxFiles) {
      warnings.push({ file: '.', message: `more than ${maxFiles} files at this commit: the rest were not read (raise --max-files)` });
      break;
    }
    files.push({ path, size: Number(size) || 0, blob });
  }
  return { files, warnings };
}

/**
 * The contents of blobs, read in one `git cat-file --batch` process (synchronously: detectors read
 * files synchronously, and a timeline asks for a whole group of blobs at once, see BlobStore). A
 * blob larger than `maxBytes` is left out of the answer, as is one git cannot find.
 */
export function readBlobs(root: string, blobs: readonly string[], maxBytes: number): Map<string, Buffer> {
  const wanted = [...new Set(blobs)].filter((b) => HASH.test(b));
  const found = new Map<string, Buffer>();
  if (wanted.length === 0) return found;
  const out = execFileSync('git', gitArgsFor(['--no-replace-objects', 'cat-file', '--batch'], root), {
    cwd: root,
    env: gitEnvFor(),
    input: `${wanted.join('\n')}\n`,
    maxBuffer: 2 * 1024 * 1024 * 1024,
    timeout: 300_000,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  // "<id> <type> <size>\n<content>\n" per object, or "<id> missing\n".
  let at = 0;
  while (at < out.length) {
    const newline = out.indexOf(10, at);
    if (newline < 0) break;
    const [id, type, size] = out.subarray(at, newline).toString('latin1').split(' ');
    if (type === 'missing' || size === undefined) {
      at = newline + 1;
      continue;
    }
    const length = Number(size);
    if (type === 'blob' && id !== undefined && length <= maxBytes) found.set(id, out.subarray(newline + 1, newline + 1 + length));
    at = newline + 1 + length + 1;
  }
  return found;
}
