import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gitLayout } from './git-layout.js';
import { existsAt, readControlFile } from '../repository/read-file.js';

/**
 * The repository folders of the work tree whose top is `root`: `.git` itself, or where a `.git`
 * file (`gitdir: …`, linked work trees and submodules) points, and the shared folder. Undefined
 * when root holds no `.git` or it leads nowhere usable.
 */
export function gitFolders(root: string): { gitDir: string; commonDir: string } | undefined {
  try {
    // Only the layouts git itself writes: a `.git` file leading to another repository leads nowhere here.
    const layout = gitLayout(root);
    if (layout.kind !== 'repository') return undefined;
    const { gitDir } = layout;
    const commonFile = join(gitDir, 'commondir');
    const common = existsAt(commonFile) ? readControlFile(commonFile) : '';
    if (common === undefined) return undefined;
    const commonDir = common !== '' ? resolve(gitDir, common.trim()) : gitDir;
    if (!existsSync(join(commonDir, 'objects'))) return undefined;
    return { gitDir, commonDir };
  } catch {
    return undefined;
  }
}

/** What `git rev-parse HEAD --abbrev-ref HEAD` says at the top of a plain work tree, read from files. */
export interface HeadFiles {
  /** The commit HEAD points to. */
  hash: string;
  /** The branch's short name, or 'HEAD' when detached (as `--abbrev-ref` prints it). */
  name: string;
  /** The repository's own folder and, for a linked work tree, the shared one (refs, objects, config). */
  gitDir: string;
  commonDir: string;
}

const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Settings that could make git see a different work tree, HEAD or refs than the files below say. */
const UNUSUAL_CONFIG = /worktree|include|refstorage|bare\s*=\s*true/i;

/**
 * HEAD of the repository whose work tree top is `root`, without starting git: `.git` (a folder,
 * or a file `gitdir: …` for linked work trees and submodules), HEAD, then the branch's loose ref
 * or its line in packed-refs. Undefined on anything unusual — no `.git` in root (a sub-folder of a
 * work tree), a shallow clone, grafts or replace refs, settings that move the work tree or change
 * the ref storage, an unborn or symbolic branch, a short name git would print differently because
 * it is ambiguous — so that the caller asks git instead. Never wrong for the common case, never
 * a guess for the others.
 */
export function readHeadFiles(root: string): HeadFiles | undefined {
  try {
    const folders = gitFolders(root);
    if (folders === undefined) return undefined;
    const { gitDir, commonDir } = folders;
    for (const dir of new Set([gitDir, commonDir])) {
      if (existsSync(join(dir, 'shallow')) || existsSync(join(dir, 'info', 'grafts')) || existsSync(join(dir, 'refs', 'replace'))) return undefined;
      const config = readIfExists(join(dir, 'config'));
      if (config !== undefined && UNUSUAL_CONFIG.test(config)) return undefined;
      if (existsSync(join(dir, 'config.worktree'))) return undefined;
    }
    const packed = readIfExists(join(commonDir, 'packed-refs')) ?? '';
    if (packed.includes(' refs/replace/')) return undefined;
    const head = readControlFile(join(gitDir, 'HEAD'))?.trim();
    if (head === undefined) return undefined;
    if (HASH.test(head)) return { hash: head, name: 'HEAD', gitDir, commonDir };
    const ref = /^ref: (refs\/heads\/(.+))$/.exec(head);
    if (!ref) return undefined;
    const [, full, name] = ref as unknown as [string, string, string];
    if (name.split('/').some((part) => part === '' || part === '.' || part === '..')) return undefined;
    const hash = refValue(commonDir, packed, full);
    if (hash === undefined) return undefined;
    // `--abbrev-ref` prints heads/<name> when <name> alone would also match another ref.
    const others = [name, `refs/${name}`, `refs/tags/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`];
    for (const other of others) {
      if (existsSync(join(gitDir, other)) || existsSync(join(commonDir, other))) return undefined;
      if (packed.split('\n').some((line) => line.endsWith(` ${other}`))) return undefined;
    }
    return { hash, name, gitDir, commonDir };
  } catch {
    return undefined;
  }
}

function refValue(commonDir: string, packed: string, ref: string): string | undefined {
  const loose = readIfExists(join(commonDir, ref));
  if (loose !== undefined) {
    const value = loose.trim();
    return HASH.test(value) ? value : undefined; // a symbolic ref: ask git
  }
  for (const line of packed.split('\n')) {
    if (line.endsWith(` ${ref}`)) {
      const value = line.slice(0, line.length - ref.length - 1);
      return HASH.test(value) ? value : undefined;
    }
  }
  return undefined; // unborn branch
}

/** The file's text, undefined when nothing is there; anything unusual there (a link, a FIFO, a huge file) throws: git decides. */
function readIfExists(path: string): string | undefined {
  if (!existsAt(path)) return undefined;
  const text = readControlFile(path);
  if (text === undefined) throw new Error(`${path}: not a plain small file`);
  return text;
}
