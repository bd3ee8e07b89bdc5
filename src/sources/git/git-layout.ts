import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { existsAt, readControlFile } from '../repository/read-file.js';

/**
 * Where the `.git` at the top of a work tree leads, and whether git may be trusted to follow it.
 * A `.git` folder is the repository. A `.git` file (`gitdir: …`) is followed only for the two
 * layouts git itself writes: a linked work tree (`<main>/.git/worktrees/<name>`, whose `gitdir`
 * file points back to this `.git`) and a submodule (`<super>/.git/modules/<name>`, inside a
 * superproject that holds this work tree). Anything else — `gitdir: ../victim/.git`, a `.git`
 * symlink — would make git read another repository's index and history: refused with a reason.
 */
export type GitLayout =
  | { kind: 'none' }
  | { kind: 'repository'; gitDir: string; dotGit: string }
  | { kind: 'refused'; reason: string };

export function gitLayout(top: string): GitLayout {
  const dotGit = join(top, '.git');
  let stats;
  try {
    stats = lstatSync(dotGit, { throwIfNoEntry: false });
  } catch {
    stats = undefined;
  }
  if (stats === undefined) return { kind: 'none' };
  if (stats.isDirectory()) return { kind: 'repository', gitDir: dotGit, dotGit };
  if (stats.isSymbolicLink()) return { kind: 'refused', reason: '.git is a symbolic link (git never makes one; it may lead to another repository)' };
  if (!stats.isFile()) return { kind: 'refused', reason: '.git is not a folder or a file (git would wait on it)' };
  const match = /^gitdir: (.+)$/m.exec(readControlFile(dotGit) ?? '');
  if (!match) return { kind: 'refused', reason: '.git is a file without a readable "gitdir:" line' };
  const target = match[1]!.trim();
  let gitDir: string;
  try {
    gitDir = realpathSync(isAbsolute(target) ? target : resolve(top, target));
    if (!statSync(gitDir).isDirectory()) throw new Error('not a folder');
  } catch {
    return { kind: 'refused', reason: `.git points to "${target}", which is not a folder` };
  }
  if (isLinkedWorktree(gitDir, dotGit) || isSubmodule(gitDir, top)) return { kind: 'repository', gitDir, dotGit };
  return { kind: 'refused', reason: `.git points to "${target}", which is not a work tree or submodule of this folder (a .git file git would not write)` };
}

/** `<common>/worktrees/<name>`, with a `commondir` file and a `gitdir` file naming this very `.git`. */
function isLinkedWorktree(gitDir: string, dotGit: string): boolean {
  if (basename(dirname(gitDir)) !== 'worktrees' || !existsAt(join(gitDir, 'commondir'))) return false;
  const back = readControlFile(join(gitDir, 'gitdir'))?.trim();
  if (!back) return false;
  try {
    return realpathSync(isAbsolute(back) ? back : resolve(gitDir, back)) === realpathSync(dotGit);
  } catch {
    return false;
  }
}

/** `<super>/.git/modules/<name…>` where this work tree lies inside `<super>`. */
function isSubmodule(gitDir: string, top: string): boolean {
  const marker = `${sep}.git${sep}modules${sep}`;
  const at = gitDir.lastIndexOf(marker);
  if (at <= 0) return false;
  let realTop: string;
  try {
    realTop = realpathSync(top);
  } catch {
    return false;
  }
  const superTop = gitDir.slice(0, at);
  const rel = relative(superTop, realTop);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Whether `path` is `folder` or inside it (both absolute, links resolved by the caller). */
export function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
