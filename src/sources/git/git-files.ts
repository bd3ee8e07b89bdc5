import { statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { existsAt } from '../repository/read-file.js';
import { gitFolders } from './read-head.js';

/**
 * Why git must not be started in `root`, if there is a reason. Before anything else git reads its
 * folder's own files (configuration, HEAD, index, exclude rules); a FIFO or a device in their
 * place — possible in a hand-made folder, never in a clone — makes git wait until it is killed,
 * a minute per call. Checked with one stat per file, for the `.git` that git itself would find
 * (root's, or the nearest parent's).
 */
export function gitWouldBlock(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    if (existsAt(dotGit)) {
      const kind = kindOf(dotGit);
      if (kind !== 'file' && kind !== 'folder') return `${shown(root, dotGit)} is not a folder or a file`;
      const folders = gitFolders(dir);
      if (folders === undefined) return undefined; // an unusual layout: git decides, and fails fast on a bad one
      const { gitDir, commonDir } = folders;
      const files = [...new Set([gitDir, commonDir])].flatMap((d) => ['config', 'config.worktree', 'HEAD', 'index', 'commondir', 'packed-refs', join('info', 'exclude')].map((f) => join(d, f)));
      for (const file of files) {
        const fileKind = kindOf(file);
        if (fileKind !== 'file' && fileKind !== 'missing') return `${shown(root, file)} is not a regular file`;
      }
      return undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Paths in messages as the rest of a report names files: relative to the scanned folder. */
const shown = (root: string, path: string): string => relative(root, path) || path;

/** What is at `path`, links followed as git follows them. */
function kindOf(path: string): 'file' | 'folder' | 'missing' | 'other' {
  try {
    const stats = statSync(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
  } catch (error) {
    // A dangling link or nothing there; a loop (ELOOP) or an unreadable folder is git's to report.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'file';
  }
}
