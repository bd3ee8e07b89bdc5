import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { identityAt, isRacy, type Identity } from './identity.js';
import { VENDORED_DIRS } from './tree-paths.js';

/** Every folder of the work tree (vendored ones and .git aside), and every .gitignore found in them, with identities. */
export interface FolderWalk {
  dirs: Record<string, Identity>;
  ignores: Record<string, Identity>;
}

/** Above this many folders a stored listing costs more to check than it saves. */
const MAX_SNAPSHOT_DIRS = 20_000;

/**
 * The folders a stored listing depends on (listing-snapshot in list-files.ts): a new, renamed or
 * deleted entry changes its folder's mtime. Undefined when a folder cannot be read, changed too
 * recently to be trusted (`takenAt`: when the listing started), or there are too many.
 */
export function walkFolders(root: string, takenAt: number): FolderWalk | undefined {
  const dirs: Record<string, Identity> = {};
  const ignores: Record<string, Identity> = {};
  const stack = [''];
  let count = 0;
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (++count > MAX_SNAPSHOT_DIRS) return undefined;
    const absolute = join(root, dir);
    const identity = identityAt(absolute);
    if (identity === null || isRacy(identity, takenAt)) return undefined;
    dirs[dir] = identity;
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      return undefined;
    }
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!VENDORED_DIRS.has(entry.name)) stack.push(path);
      } else if (entry.name === '.gitignore') {
        const ignore = identityAt(join(root, path));
        if (ignore === null || isRacy(ignore, takenAt)) return undefined;
        ignores[path] = ignore;
      }
    }
  }
  return { dirs, ignores };
}
