import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanWarning } from '../../core/types.js';
import type { Limits } from '../../core/limits.js';
import { gitInBackground, gitSync, GitWaitedError } from '../git/safe-git.js';
import { gitFolders, readHeadFiles } from '../git/read-head.js';
import { gitConfinement, type Confinement } from '../git/confine.js';
import { userGitConfigTexts, userGitFiles } from '../git/user-files.js';
import { walkFolders } from './folder-walk.js';
import { existsAt, readControlFile } from './read-file.js';
import { identityAt, identityOf, isRacy, sameIdentity, type Identity } from './identity.js';
import { isPlainRelativePath, isVendoredPath, VENDORED_DIRS } from './tree-paths.js';

export interface RepoFile {
  /** Relative to the repository root, forward slashes. */
  path: string;
  size: number;
  /**
   * For a symlink to a regular file inside the tree: that file, relative to the root (all links
   * resolved). It is what is read: files are opened without following links, so that a link
   * swapped in after the listing can never lead out of the tree.
   */
  target?: string;
}

export interface ListResult {
  files: RepoFile[];
  warnings: ScanWarning[];
  /** 'git' when the list came from `git ls-files`. */
  lister: 'git' | 'walk';
  /**
   * A hash of everything the listing saw: each file's path and content identity (its git blob id
   * when the work-tree file still matches the index, else its size and modification time) and the
   * listing's warnings. Equal keys mean the files are the same, so a scan's result can be reused.
   */
  contentKey: string;
}

/** What git's index says about a tracked file: its blob id and the stat data it was hashed at. */
interface IndexEntry {
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
 * The files of a repository: `git ls-files` inside a git work tree (fast, respects .gitignore
 * exactly as git does), a walker otherwise. Only regular files whose real path stays inside
 * `root` are returned; everything else is skipped with a warning.
 */
export function listFiles(root: string, limits: Limits, options: ListOptions = {}): ListResult {
  const steps = listingSteps(root, limits, options);
  let step = steps.next();
  while (!step.done) {
    let out: string | undefined;
    try {
      out = gitSync(step.value, { cwd: step.value.cwd, confinement: step.value.confinement });
    } catch {
      out = undefined;
    }
    step = steps.next(out);
  }
  return step.value;
}

/**
 * The same, with `git ls-files` running in its own process while the caller's thread goes on:
 * `whileGitRuns` is called once git has started (never when no git call is needed), so a scan
 * can start reading files meanwhile instead of waiting; `gitDone()` tells it when to stop.
 */
export async function listFilesAsync(
  root: string,
  limits: Limits,
  options: ListOptions & { whileGitRuns?: (gitDone: () => boolean) => Promise<void> | void } = {},
): Promise<ListResult> {
  const steps = listingSteps(root, limits, options);
  let step = steps.next();
  while (!step.done) {
    // Output to a file, not a pipe: a pipe would fill up and stop git while this thread is busy.
    const running = gitInBackground(step.value, { cwd: step.value.cwd, confinement: step.value.confinement }).catch((error: unknown) => (error instanceof GitWaitedError ? error : undefined));
    let done = false;
    void running.then(() => (done = true));
    await options.whileGitRuns?.(() => done);
    step = steps.next(await running);
  }
  return step.value;
}

export interface ListOptions {
  useGit?: boolean;
  store?: ListingStore;
  /**
   * A core is free beside this thread (a scan of one repository): git compares tracked files with
   * its index (see gitCanCompareSafely) instead of an lstat per file here. When every core is
   * already scanning (an organization on worker threads) it would only add work.
   */
  spareCore?: boolean;
}

/** The git arguments a listing asks to run, with the folder to run them in. */
type GitCall = string[] & { cwd: string; confinement: Confinement };

/** The listing, written once: it yields the git call it needs and receives its output (undefined when git failed). */
function* listingSteps(root: string, limits: Limits, options: ListOptions): Generator<GitCall, ListResult, string | GitWaitedError | undefined> {
  const realRoot = realpathSync(root);
  if (options.useGit === false) return { ...walk(realRoot, limits), lister: 'walk' };
  // First: a stored listing is reused only where git may run at all.
  const confinement = gitConfinement(realRoot);
  if (confinement.refused !== undefined) return walkInstead(realRoot, limits, `${confinement.refused}: git not run; files listed by walking the folder`);
  const control = options.store ? controlFiles(realRoot) : undefined;
  if (control !== undefined) {
    const reused = reuseSnapshot(realRoot, control, options.store!.get());
    if (reused !== undefined) return reused;
  }
  const takenAt = Date.now();
  const identities = control !== undefined ? new Map<string, Identity>() : undefined;
  // One git call both lists the files and tells whether this is a work tree at all (it fails outside one).
  const compare = options.spareCore === true && gitCanCompareSafely(realRoot);
  const out = yield Object.assign([...LS_FILES, ...(compare ? COMPARE : []), '--', '.'], { cwd: realRoot, confinement });
  if (out instanceof GitWaitedError) return walkInstead(realRoot, limits, `${out.message}; files listed by walking the folder`);
  const listed = out === undefined ? undefined : parseLsFiles(out, compare);
  if (listed === undefined) return { ...walk(realRoot, limits), lister: 'walk' };
  const result: ListResult = { ...statAll(realRoot, listed, limits, identities), lister: 'git' };
  if (confinement.config.length > 0) {
    const keys = confinement.config.map((setting) => setting.slice(0, setting.indexOf('=')));
    result.warnings.unshift({ file: '.git/config', message: `the repository's git configuration names files for git to read (${keys.join(', ')}): ignored, git uses your own settings` });
  }
  if (control !== undefined) options.store!.offer(() => takeSnapshot(realRoot, control, listed.paths, identities!, result, takenAt));
  return result;
}

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

/**
 * Whether git may compare work-tree files with the index (`--modified`, `--deleted`). To compare
 * a file whose stat data changed, git runs it through its clean filter, a program a configuration
 * names (`filter.<driver>.clean`): the scanned repository's own configuration could name any
 * program, so git compares only where no configuration it reads mentions a filter (or includes
 * another file). Elsewhere each listed file is checked from here, which runs nothing.
 */
function gitCanCompareSafely(root: string): boolean {
  const folders = gitFolders(root);
  if (folders === undefined) return false;
  const { gitDir, commonDir } = folders;
  const configs = [...new Set([gitDir, commonDir].flatMap((dir) => [join(dir, 'config'), join(dir, 'config.worktree')]))];
  return !configs.some((file) => fileMentions(file, FILTERS)) && !userGitConfigTexts().some((text) => FILTERS.test(text));
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

const FILTERS = /filter|include/i;

/** Whether a configuration of the scanned repository mentions `pattern`: a missing one does not; one that cannot be read safely (a link, a FIFO…) might. */
function fileMentions(file: string, pattern: RegExp): boolean {
  if (!existsAt(file)) return false;
  const text = readControlFile(file);
  return text === undefined || pattern.test(text);
}


/** The files whose identities must be unchanged for a stored listing to stand; undefined when git must be asked every time. */
function controlFiles(root: string): string[] | undefined {
  const head = readHeadFiles(root); // undefined for anything unusual: a sub-folder, a shallow clone, odd settings
  const global = globalControlFiles();
  if (head === undefined || global === undefined) return undefined;
  const repoConfigs = [...new Set([join(head.gitDir, 'config'), join(head.commonDir, 'config')])];
  if (repoConfigs.some((file) => fileMentions(file, EXCLUDES))) return undefined;
  return [join(head.gitDir, 'index'), join(head.gitDir, 'HEAD'), join(head.commonDir, 'info', 'exclude'), ...repoConfigs, ...global];
}

/**
 * A listing is reused only when nothing `git ls-files --cached --others --exclude-standard` looks
 * at can have changed: the index and the exclude files and configurations (identities), each
 * listed file (a rewrite or a deletion changes its identity), and every folder of the work tree,
 * since a new, renamed or deleted entry changes its folder's mtime — that is how a new untracked
 * file is noticed without asking git. Every .gitignore is covered too, even one git ignores.
 */
function reuseSnapshot(root: string, control: string[], stored: unknown): ListResult | undefined {
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

function takeSnapshot(
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
    result.lister === 'git' &&
    typeof result.contentKey === 'string' &&
    Array.isArray(result.warnings)
  );
}

/**
 * `git ls-files -t -s --debug` run in the root: paths relative to root (git prints them relative
 * to the current folder), each tagged; tracked files with their blob id and the stat data the
 * index holds for them. With `--modified --deleted`, git also compares every tracked file with the
 * index (in C, faster than an lstat per file from here) and lists the changed and deleted ones
 * again under their own tag. Untracked files come with neither. It fails outside a git work tree.
 */
const LS_FILES = ['ls-files', '-z', '-t', '-s', '--debug', '--cached', '--others', '--exclude-standard'];
const COMPARE = ['--modified', '--deleted'];

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

function statAll(root: string, listed: ReturnType<typeof parseLsFiles>, limits: Limits, identities?: Map<string, Identity>): Omit<ListResult, 'lister'> {
  const files: RepoFile[] = [];
  const warnings: ScanWarning[] = [];
  const key: string[] = [];
  for (const path of listed.paths) {
    if (isVendoredPath(path)) continue;
    if (files.length >= limits.maxFiles) {
      warnings.push({ file: path, message: `file limit reached (${limits.maxFiles} files): the rest of the repository was not scanned` });
      break;
    }
    // Deleted in the work tree (or behind a symlinked folder, which git counts as deleted): not a problem worth a warning.
    if (listed.deleted.has(path)) continue;
    if (!isPlainRelativePath(path)) {
      warnings.push({ file: path, message: 'listed by git with a path out of the scanned tree (a crafted index?): not read' });
      continue;
    }
    const entry = listed.index.get(path);
    // A size of 0 may be an entry git "smudged" to force a content check (racy-git): the file's real size is asked here.
    if (entry?.unchanged && entry.size > 0) {
      // git found the file as its index describes it: its blob id names the content, its stat data is the file's.
      key.push(`${path}\0${entry.blob}\0`);
      identities?.set(path, [entry.size, entry.mtimeSec * 1e3 + entry.mtimeNsec / 1e6, entry.ctimeSec * 1e3 + entry.ctimeNsec / 1e6, entry.ino]);
      files.push({ path, size: entry.size });
      continue;
    }
    const file = checkFile(root, path, warnings, (identity) => {
      // The blob id names the content only while the file is as git last saw it (same size and mtime).
      key.push(entry && identity.size === entry.size && sameMtime(identity.mtimeMs, entry) ? `${path}\0${entry.blob}\0` : `${path}\0${identity.text}\0`);
      if (identities !== undefined && identity.stats !== undefined) identities.set(path, identityOf(identity.stats));
    });
    if (file) files.push(file);
  }
  return { files, warnings, contentKey: finishKey(key, warnings) };
}

function sameMtime(mtimeMs: number, entry: IndexEntry): boolean {
  // Stats.mtimeMs is a double computed as sec * 1e3 + nsec / 1e6; allow for its rounding.
  return Math.abs(mtimeMs - (entry.mtimeSec * 1e3 + entry.mtimeNsec / 1e6)) < 0.001;
}

/** The hash of the key's parts and the warnings, hashed at once (one update per file was ~5 ms of a 10,000-file listing). */
function finishKey(key: string[], warnings: ScanWarning[]): string {
  for (const warning of warnings) key.push(`!${warning.file}\0${warning.message}\0`);
  return createHash('sha256').update(key.join('')).digest('hex');
}

/** How a listed file is identified when git cannot name its content: size, mtime and (for a symlink) its target. */
interface StatIdentity {
  size: number;
  mtimeMs: number;
  text: string;
  /** The lstat of the path itself, when it is a regular file (not reached through a symlink). */
  stats?: Stats;
}

/** lstat a listed path; follow a symlink only when its target is a regular file inside root. */
function checkFile(root: string, path: string, warnings: ScanWarning[], identify?: (identity: StatIdentity) => void): RepoFile | undefined {
  let stats: Stats;
  const absolute = join(root, path);
  try {
    stats = lstatSync(absolute);
  } catch (error) {
    // Deleted in the work tree but still in the index: not a problem worth a warning.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    warnings.push({ file: path, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` });
    return undefined;
  }
  let linkTarget = '';
  if (stats.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      warnings.push({ file: path, message: code === 'ELOOP' ? 'symlink loop: skipped' : `broken symlink: skipped (${code ?? 'error'})` });
      return undefined;
    }
    if (!isInside(root, target)) {
      warnings.push({ file: path, message: 'symlink points outside the scanned tree: not followed' });
      return undefined;
    }
    try {
      stats = lstatSync(target);
    } catch {
      return undefined;
    }
    // A symlink to a folder inside the tree: its files are listed under their own paths already.
    if (!stats.isFile()) return undefined;
    linkTarget = relative(root, target);
  }
  if (stats.isDirectory()) return undefined; // a submodule's gitlink
  if (!stats.isFile()) {
    warnings.push({ file: path, message: 'not a regular file (FIFO, socket or device): skipped' });
    return undefined;
  }
  identify?.({ size: stats.size, mtimeMs: stats.mtimeMs, text: `${linkTarget ? `l:${linkTarget}:` : 's:'}${stats.size}:${stats.mtimeMs}`, ...(linkTarget ? {} : { stats }) });
  return { path, size: stats.size, ...(linkTarget ? { target: linkTarget.split(sep).join('/') } : {}) };
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** A walker for folders outside git: honours .gitignore files, never follows folder symlinks. */
function walk(root: string, limits: Limits): Omit<ListResult, 'lister'> {
  const files: RepoFile[] = [];
  const warnings: ScanWarning[] = [];
  const identities = new Map<string, string>();
  const stack: { dir: string; rules: { base: string; ig: Ignore }[] }[] = [{ dir: '', rules: [] }];
  while (stack.length > 0) {
    const { dir, rules: inherited } = stack.pop()!;
    const absolute = join(root, dir);
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      warnings.push({ file: dir || '.', message: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? 'error'}` });
      continue;
    }
    const rules = [...inherited];
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        rules.push({ base: dir, ig: ignore().add(readFileSync(join(absolute, '.gitignore'), 'utf8')) });
      } catch {
        // An unreadable .gitignore only means fewer files are ignored.
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (VENDORED_DIRS.has(entry.name)) continue;
      const isDir = entry.isDirectory();
      if (isIgnored(rules, path, isDir)) continue;
      if (isDir) {
        stack.push({ dir: path, rules });
        continue;
      }
      if (files.length >= limits.maxFiles) {
        warnings.push({ file: path, message: `file limit reached (${limits.maxFiles} files): the rest of the repository was not scanned` });
        return { files, warnings, contentKey: walkKey(files, identities, warnings) };
      }
      const file = checkFile(root, path, warnings, (identity) => identities.set(path, identity.text));
      if (file) files.push(file);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, warnings, contentKey: walkKey(files, identities, warnings) };
}

/** The folder walked because git could not be used here, with the reason as the first warning. */
function walkInstead(root: string, limits: Limits, message: string): ListResult {
  const walked = walk(root, limits);
  return { ...walked, warnings: [{ file: '.git', message }, ...walked.warnings], lister: 'walk' };
}

/** Outside git nothing names the content: each file is identified by its path, size and mtime. */
function walkKey(files: RepoFile[], identities: Map<string, string>, warnings: ScanWarning[]): string {
  const key: string[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) key.push(`${file.path}\0${identities.get(file.path) ?? ''}\0`);
  return finishKey(key, warnings);
}

function isIgnored(rules: { base: string; ig: Ignore }[], path: string, isDir: boolean): boolean {
  for (const { base, ig } of rules) {
    const rel = base ? path.slice(base.length + 1) : path;
    if (ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}
