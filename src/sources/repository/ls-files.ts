import { join } from 'node:path';
import { gitFolders } from '../git/read-head.js';
import { userGitConfigTexts } from '../git/user-files.js';
import { fileMentions } from './stored-listing.js';

/** What git's index says about a tracked file: its blob id and the stat data it was hashed at. */
export interface IndexEntry {
  blob: string;
  size: number;
  /** mtime and ctime as recorded in the index (seconds and nanoseconds). */
  mtimeSec: number;
  mtimeNsec: number;
  ctimeSec: number;
  ctimeNsec: number;
  ino: number;
  /**
   * git compared the work-tree file with this entry (`--modified`, `--deleted`) and found it
   * unchanged: a regular file with this content, nothing to lstat. Not for entries git does not
   * check (assume-unchanged, skip-worktree, conflicts) or that are not plain files.
   */
  unchanged: boolean;
}

/**
 * Whether git may compare work-tree files with the index (`--modified`, `--deleted`). To compare
 * a file whose stat data changed, git runs it through its clean filter, a program a configuration
 * names (`filter.<driver>.clean`): the scanned repository's own configuration could name any
 * program, so git compares only where no configuration it reads mentions a filter (or includes
 * another file). Elsewhere each listed file is checked from here, which runs nothing.
 */
export function gitCanCompareSafely(root: string): boolean {
  const folders = gitFolders(root);
  if (folders === undefined) return false;
  const { gitDir, commonDir } = folders;
  const configs = [...new Set([gitDir, commonDir].flatMap((dir) => [join(dir, 'config'), join(dir, 'config.worktree')]))];
  return !configs.some((file) => fileMentions(file, FILTERS)) && !userGitConfigTexts().some((text) => FILTERS.test(text));
}

const FILTERS = /filter|include/i;

/**
 * `git ls-files -t -s --debug` run in the root: paths relative to root (git prints them relative
 * to the current folder), each tagged; tracked files with their blob id and the stat data the
 * index holds for them. With `--modified --deleted`, git also compares every tracked file with the
 * index (in C, faster than an lstat per file from here) and lists the changed and deleted ones
 * again under their own tag. Untracked files come with neither. It fails outside a git work tree.
 */
export const LS_FILES = ['ls-files', '-z', '-t', '-s', '--debug', '--cached', '--others', '--exclude-standard'];
export const COMPARE = ['--modified', '--deleted'];

const ENTRY_HEADER = /^([A-Z]) ([0-7]{6}) ([0-9a-f]{40,64}) ([0-3])\t/;
const DEBUG_BLOCK = /^ {2}ctime: (\d+):(\d+)\n {2}mtime: (\d+):(\d+)\n {2}dev: \d+\tino: (\d+)\n[^]*? {2}size: (\d+)\tflags: ([0-9a-f]+)\n/;
/** Index flags under which git does not look at the work tree: assume-unchanged (CE_VALID) and skip-worktree. */
const UNCHECKED_FLAGS = 0x8000 | 0x40000000;

/**
 * Parses `ls-files -z -t -s --debug` output. An untracked file is `? path<NUL>`; a tracked entry
 * is `T mode blob stage<TAB>path<NUL>` followed by an indented stat block, where T is H (cached),
 * C (changed), R (removed), S (skip-worktree) or M (unmerged). Others come first, then each entry
 * as H (or S, M), then again as R and C when it was deleted or changed in the work tree.
 */
export function parseLsFiles(out: string, compared: boolean): { paths: string[]; index: Map<string, IndexEntry>; deleted: Set<string> } {
  const paths: string[] = [];
  const index = new Map<string, IndexEntry>();
  const deleted = new Set<string>();
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (path === '' || seen.has(path)) return;
    seen.add(path);
    paths.push(path);
  };
  let pending: { tag: string; mode: string; blob: string; stage: string; path: string } | undefined;
  for (let piece of out.split('\0')) {
    if (pending !== undefined) {
      const debug = DEBUG_BLOCK.exec(piece);
      if (debug) {
        piece = piece.slice(debug[0].length);
        recordEntry(pending, debug, compared, index, deleted, add);
      }
      pending = undefined;
    }
    if (piece.startsWith('? ')) {
      add(piece.slice(2));
      continue;
    }
    const header = ENTRY_HEADER.exec(piece);
    if (header) pending = { tag: header[1]!, mode: header[2]!, blob: header[3]!, stage: header[4]!, path: piece.slice(header[0].length) };
  }
  return { paths, index, deleted };
}

function recordEntry(
  entry: { tag: string; mode: string; blob: string; stage: string; path: string },
  debug: RegExpExecArray,
  compared: boolean,
  index: Map<string, IndexEntry>,
  deleted: Set<string>,
  add: (path: string) => void,
): void {
  const { tag, path } = entry;
  if (tag === 'R') {
    deleted.add(path);
    return;
  }
  if (tag === 'C') {
    const known = index.get(path);
    if (known) known.unchanged = false;
    return;
  }
  add(path);
  // Only plain files at stage 0 keep their blob id: a conflict or a symlink is identified by its stat data.
  if (entry.stage === '0' && (entry.mode === '100644' || entry.mode === '100755') && !index.has(path)) {
    index.set(path, {
      blob: entry.blob,
      ctimeSec: Number(debug[1]),
      ctimeNsec: Number(debug[2]),
      mtimeSec: Number(debug[3]),
      mtimeNsec: Number(debug[4]),
      ino: Number(debug[5]),
      size: Number(debug[6]),
      unchanged: compared && tag === 'H' && (parseInt(debug[7]!, 16) & UNCHECKED_FLAGS) === 0,
    });
  }
}
