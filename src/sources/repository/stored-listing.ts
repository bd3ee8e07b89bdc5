import { dirname, join } from 'node:path';
import type { HeadFiles } from '../git/read-head.js';
import { userGitConfigTexts, userGitFiles } from '../git/user-files.js';
import { walkFolders } from './folder-walk.js';
import { existsAt, readControlFile } from './read-file.js';
import { identityAt, isRacy, sameIdentity, type Identity } from './identity.js';
import { isVendoredPath } from './tree-paths.js';
import type { ListResult, RepoFile } from './listing.js';

/**
 * Where a listing can be kept between runs so that a rescan of an unchanged work tree starts no
 * git process (see takeSnapshot for what is recorded and why it is enough).
 */
export interface ListingStore {
  get(): unknown;
  /**
   * A listing git just gave, as a snapshot to keep: `take()` walks every folder of the work tree
   * (the costly part, tens of milliseconds on a large tree) and gives undefined when the listing
   * cannot be kept. The store decides whether and when to take it (see scan-repository.ts).
   */
  offer(take: () => ListingSnapshot | undefined): void;
}

export interface ListingSnapshot {
  version: 2;
  /** What `git ls-files` and its ignore rules read besides the work tree: the index, HEAD, exclude files and configurations (null: absent). */
  control: Record<string, Identity | null>;
  /** Every folder of the work tree (vendored ones and .git aside), and every .gitignore found in them, with identities. */
  dirs: Record<string, Identity>;
  ignores: Record<string, Identity>;
  /** Every listed path (vendored ones aside), in order, with its identity: the listing's files are these paths and sizes. */
  files: [path: string, ...identity: Identity][];
  result: Omit<ListResult, 'files'>;
}

let globalFiles: string[] | undefined;
/** The user's git configurations and default excludes file; undefined when a configuration names its own excludes file. */
function globalControlFiles(): string[] | undefined {
  if (globalFiles !== undefined) return globalFiles.length > 0 ? globalFiles : undefined;
  const { configs, excludes } = userGitFiles();
  globalFiles = userGitConfigTexts().some((text) => EXCLUDES.test(text)) ? [] : [...configs, excludes];
  return globalFiles.length > 0 ? globalFiles : undefined;
}

const EXCLUDES = /excludesfile|include/i;

/** Whether a configuration of the scanned repository mentions `pattern`: a missing one does not; one that cannot be read safely (a link, a FIFO…) might. */
export function fileMentions(file: string, pattern: RegExp): boolean {
  if (!existsAt(file)) return false;
  const text = readControlFile(file);
  return text === undefined || pattern.test(text);
}


/**
 * The files whose identities must be unchanged for a stored listing to stand; undefined when git
 * must be asked every time. `head` is readHeadFiles of the work tree's top (list-files.ts reads it
 * once, and hands its commit on), undefined for anything unusual: a sub-folder, a shallow clone,
 * odd settings.
 */
export function controlFiles(head: HeadFiles | undefined): string[] | undefined {
  const global = globalControlFiles();
  if (head === undefined || global === undefined) return undefined;
  const repoConfigs = [...new Set([join(head.gitDir, 'config'), join(head.commonDir, 'config')])];
  if (repoConfigs.some((file) => fileMentions(file, EXCLUDES))) return undefined;
  return [join(head.gitDir, 'index'), join(head.gitDir, 'HEAD'), join(head.commonDir, 'info', 'exclude'), ...repoConfigs, ...global];
}

/**
 * A folder outside git, short of running git: no `.git` in it or in any folder above it (where git
 * looks for a repository) and no GIT_DIR or GIT_WORK_TREE in the environment. Those absent `.git`
 * paths are the control files of its walked listing: a `git init` here or above makes a stored
 * listing stale, and git lists the folder again. Undefined when git could find a repository.
 */
export function plainControlFiles(root: string): string[] | undefined {
  if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined) return undefined;
  const files: string[] = [];
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, '.git');
    if (identityAt(candidate) !== null) return undefined;
    files.push(candidate);
    if (dirname(dir) === dir) return files;
  }
}

/**
 * A listing is reused only when nothing `git ls-files --cached --others --exclude-standard` looks
 * at can have changed: the index and the exclude files and configurations (identities), each
 * listed file (a rewrite or a deletion changes its identity), and every folder of the work tree,
 * since a new, renamed or deleted entry changes its folder's mtime — that is how a new untracked
 * file is noticed without asking git. Every .gitignore is covered too, even one git ignores.
 */
export function reuseSnapshot(root: string, control: string[], stored: unknown): ListResult | undefined {
  if (!isSnapshot(stored)) return undefined;
  const names = Object.keys(stored.control);
  if (names.length !== control.length || control.some((file) => !(file in stored.control))) return undefined;
  for (const file of control) if (!sameIdentity(stored.control[file], identityAt(file))) return undefined;
  for (const [dir, identity] of Object.entries(stored.dirs)) if (!sameIdentity(identity, identityAt(join(root, dir)))) return undefined;
  for (const [file, identity] of Object.entries(stored.ignores)) if (!sameIdentity(identity, identityAt(join(root, file)))) return undefined;
  const files: RepoFile[] = [];
  for (const [path, ...identity] of stored.files) {
    if (!sameIdentity(identity, identityAt(join(root, path)))) return undefined;
    files.push({ path, size: identity[0] });
  }
  return { ...stored.result, files };
}

export function takeSnapshot(
  root: string,
  control: string[],
  paths: string[],
  identities: Map<string, Identity>,
  result: ListResult,
  takenAt: number,
): ListingSnapshot | undefined {
  // Only the plain case: every listed path a regular file (no symlink, gitlink, missing file), no warning, no limit.
  if (result.warnings.length > 0) return undefined;
  const racy = (identity: Identity | null): boolean => isRacy(identity, takenAt);
  const files: ListingSnapshot['files'] = [];
  for (const path of paths) {
    if (isVendoredPath(path)) continue;
    const identity = identities.get(path);
    if (identity === undefined || racy(identity)) return undefined;
    files.push([path, ...identity]);
  }
  // The files are then exactly the listed paths with these sizes (no warning means none was skipped).
  if (files.length !== result.files.length || files.some(([path, size], i) => result.files[i]!.path !== path || result.files[i]!.size !== size)) return undefined;
  const controlIds: Record<string, Identity | null> = {};
  for (const file of control) {
    const identity = identityAt(file);
    if (racy(identity)) return undefined;
    controlIds[file] = identity;
  }
  const walk = walkFolders(root, takenAt);
  if (walk === undefined) return undefined;
  const { dirs, ignores } = walk;
  const { files: _listed, ...rest } = result;
  return { version: 2, control: controlIds, dirs, ignores, files, result: rest };
}

function isSnapshot(value: unknown): value is ListingSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ListingSnapshot>;
  const isIdentity = (id: unknown): boolean => Array.isArray(id) && id.length === 4 && id.every((n) => typeof n === 'number');
  const identities = (record: unknown, nullable = false): boolean =>
    typeof record === 'object' && record !== null && !Array.isArray(record) && Object.values(record).every((id) => (nullable && id === null) || isIdentity(id));
  const result = v.result as Partial<ListResult> | undefined;
  return (
    v.version === 2 &&
    identities(v.control, true) &&
    identities(v.dirs) &&
    identities(v.ignores) &&
    Array.isArray(v.files) &&
    v.files.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && isIdentity(entry.slice(1))) &&
    typeof result === 'object' &&
    result !== null &&
    (result.lister === 'git' || result.lister === 'walk') &&
    typeof result.contentKey === 'string' &&
    Array.isArray(result.warnings)
  );
}
