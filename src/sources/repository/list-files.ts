import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanWarning } from '../../core/types.js';
import type { Limits } from '../../core/limits.js';
import { gitInBackground, gitSync, GitWaitedError } from '../git/safe-git.js';
import { gitConfinement, type Confinement } from '../git/confine.js';
import { identityOf, type Identity } from './identity.js';
import { isPlainRelativePath, isVendoredPath, VENDORED_DIRS } from './tree-paths.js';
import type { ListResult, RepoFile } from './listing.js';
import { COMPARE, gitCanCompareSafely, LS_FILES, parseLsFiles, type IndexEntry } from './ls-files.js';
import { readHeadFiles, type HeadFiles } from '../git/read-head.js';
import { controlFiles, plainControlFiles, reuseSnapshot, takeSnapshot, type ListingStore } from './stored-listing.js';

export type { ListResult, RepoFile } from './listing.js';
export type { ListingSnapshot, ListingStore } from './stored-listing.js';
export { parseLsFiles } from './ls-files.js';

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

type ListingSteps = Generator<GitCall, ListResult, string | GitWaitedError | undefined>;

/** The listing, written once: it yields the git call it needs and receives its output (undefined when git failed). */
function* listingSteps(root: string, limits: Limits, options: ListOptions): ListingSteps {
  const seen: { head?: HeadFiles } = {};
  const result = yield* listingStepsSeeing(root, limits, options, seen);
  // HEAD's commit, read to check a stored listing, is handed on (a copy: a snapshot never keeps it).
  return seen.head ? { ...result, commit: seen.head.hash } : result;
}

function* listingStepsSeeing(root: string, limits: Limits, options: ListOptions, seen: { head?: HeadFiles }): ListingSteps {
  const realRoot = realpathSync(root);
  if (options.useGit === false) return { ...walk(realRoot, limits), lister: 'walk' };
  // First: a stored listing is reused only where git may run at all.
  const confinement = gitConfinement(realRoot);
  if (confinement.refused !== undefined) return walkInstead(realRoot, limits, `${confinement.refused}: git not run; files listed by walking the folder`);
  if (options.store) seen.head = readHeadFiles(realRoot);
  const control = options.store ? controlFiles(seen.head) : undefined;
  // A plain folder (no git repository here or above) keeps its walked listing the same way.
  const plain = options.store && control === undefined ? plainControlFiles(realRoot) : undefined;
  const kept = control ?? plain;
  if (kept !== undefined) {
    const reused = reuseSnapshot(realRoot, kept, options.store!.get());
    if (reused !== undefined) return reused;
  }
  const takenAt = Date.now();
  const identities = control !== undefined ? new Map<string, Identity>() : undefined;
  // One git call both lists the files and tells whether this is a work tree at all (it fails outside one).
  const compare = options.spareCore === true && gitCanCompareSafely(realRoot);
  const out = yield Object.assign([...LS_FILES, ...(compare ? COMPARE : []), '--', '.'], { cwd: realRoot, confinement });
  if (out instanceof GitWaitedError) return walkInstead(realRoot, limits, `${out.message}; files listed by walking the folder`);
  const listed = out === undefined ? undefined : parseLsFiles(out, compare);
  if (listed === undefined) {
    if (plain === undefined) return { ...walk(realRoot, limits), lister: 'walk' };
    const walkedIdentities = new Map<string, Identity>();
    const walked: ListResult = { ...walk(realRoot, limits, walkedIdentities), lister: 'walk' };
    const paths = walked.files.map((file) => file.path);
    options.store!.offer(() => takeSnapshot(realRoot, plain, paths, walkedIdentities, walked, takenAt));
    return walked;
  }
  const result: ListResult = { ...statAll(realRoot, listed, limits, identities), lister: 'git' };
  if (confinement.config.length > 0) {
    const keys = confinement.config.map((setting) => setting.slice(0, setting.indexOf('=')));
    result.warnings.unshift({ file: '.git/config', message: `the repository's git configuration names files for git to read (${keys.join(', ')}): ignored, git uses your own settings` });
  }
  if (control !== undefined) options.store!.offer(() => takeSnapshot(realRoot, control, listed.paths, identities!, result, takenAt));
  return result;
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
function walk(root: string, limits: Limits, fileIdentities?: Map<string, Identity>): Omit<ListResult, 'lister'> {
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
      const file = checkFile(root, path, warnings, (identity) => {
        identities.set(path, identity.text);
        if (fileIdentities !== undefined && identity.stats !== undefined) fileIdentities.set(path, identityOf(identity.stats));
      });
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
