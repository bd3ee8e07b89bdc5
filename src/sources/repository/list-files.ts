import { createHash, type Hash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanWarning } from '../../core/types.js';
import type { Limits } from '../../core/limits.js';
import { gitSync } from '../git/safe-git.js';

export interface RepoFile {
  /** Relative to the repository root, forward slashes. */
  path: string;
  size: number;
}

/**
 * Folders that hold someone else's code. Detections there would describe the vendor, not the team.
 * Checked on every path segment, so `services/web/node_modules/x` is skipped too.
 */
const VENDORED_DIRS = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  '.terraform',
  '.terragrunt-cache',
  '.venv',
  'venv',
  'site-packages',
  '__pycache__',
  '.git',
  '.hg',
  '.svn',
]);

export function isVendoredPath(path: string): boolean {
  for (const segment of path.split('/')) if (VENDORED_DIRS.has(segment)) return true;
  return false;
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

/** What git's index says about a tracked file: its blob id and the size and mtime it was hashed at. */
interface IndexEntry {
  blob: string;
  size: number;
  /** mtime as recorded in the index (seconds and nanoseconds). */
  mtimeSec: number;
  mtimeNsec: number;
}

/**
 * The files of a repository: `git ls-files` inside a git work tree (fast, respects .gitignore
 * exactly as git does), a walker otherwise. Only regular files whose real path stays inside
 * `root` are returned; everything else is skipped with a warning.
 */
export function listFiles(root: string, limits: Limits, options: { useGit?: boolean } = {}): ListResult {
  const realRoot = realpathSync(root);
  // One git call both lists the files and tells whether this is a work tree at all (it fails outside one).
  const listed = options.useGit === false ? undefined : listWithGit(realRoot);
  if (listed !== undefined) return { ...statAll(realRoot, listed.paths, listed.index, limits), lister: 'git' };
  return { ...walk(realRoot, limits), lister: 'walk' };
}

/**
 * `git ls-files -s --debug` run in `root`: paths relative to root (git prints them relative to the
 * current folder), tracked files with their blob id and the stat data the index holds for them.
 * Untracked files come without either. Undefined outside a git work tree.
 */
function listWithGit(root: string): { paths: string[]; index: Map<string, IndexEntry> } | undefined {
  let out: string;
  try {
    out = gitSync(['ls-files', '-z', '-s', '--debug', '--cached', '--others', '--exclude-standard', '--', '.'], { cwd: root });
  } catch {
    return undefined;
  }
  return parseLsFiles(out);
}

const ENTRY_HEADER = /^([0-7]{6}) ([0-9a-f]{40,64}) ([0-3])\t/;
const DEBUG_BLOCK = /^ {2}ctime: \d+:\d+\n {2}mtime: (\d+):(\d+)\n[^]*? {2}size: (\d+)\tflags: [0-9a-f]+\n/;

/**
 * Parses `ls-files -z -s --debug` output: a tracked entry is `mode blob stage<TAB>path<NUL>`
 * followed by an indented stat block; an untracked one is `path<NUL>` alone. A header is trusted
 * only when its stat block follows, so an odd untracked file name cannot pass for an entry.
 */
export function parseLsFiles(out: string): { paths: string[]; index: Map<string, IndexEntry> } {
  const paths: string[] = [];
  const index = new Map<string, IndexEntry>();
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (path === '' || seen.has(path)) return;
    seen.add(path);
    paths.push(path);
  };
  let pending: { header: string; mode: string; blob: string; stage: string; path: string } | undefined;
  for (let piece of out.split('\0')) {
    if (pending !== undefined) {
      const debug = DEBUG_BLOCK.exec(piece);
      if (debug) {
        // Only plain files at stage 0 keep their blob id: a conflict or a symlink is identified by its stat data.
        if (pending.stage === '0' && (pending.mode === '100644' || pending.mode === '100755') && !index.has(pending.path)) {
          index.set(pending.path, { blob: pending.blob, mtimeSec: Number(debug[1]), mtimeNsec: Number(debug[2]), size: Number(debug[3]) });
        }
        add(pending.path);
        piece = piece.slice(debug[0].length);
      } else {
        add(pending.header + pending.path); // no stat block: an untracked file whose name looks like an entry
      }
      pending = undefined;
    }
    const header = ENTRY_HEADER.exec(piece);
    if (header) pending = { header: header[0], mode: header[1]!, blob: header[2]!, stage: header[3]!, path: piece.slice(header[0].length) };
    else add(piece);
  }
  if (pending !== undefined) add(pending.header + pending.path);
  return { paths, index };
}

function statAll(root: string, paths: string[], index: Map<string, IndexEntry>, limits: Limits): Omit<ListResult, 'lister'> {
  const files: RepoFile[] = [];
  const warnings: ScanWarning[] = [];
  const key = createHash('sha256');
  for (const path of paths) {
    if (isVendoredPath(path)) continue;
    if (files.length >= limits.maxFiles) {
      warnings.push({ file: path, message: `file limit reached (${limits.maxFiles} files): the rest of the repository was not scanned` });
      break;
    }
    const file = checkFile(root, path, warnings, (identity) => {
      const entry = index.get(path);
      // The blob id names the content only while the file is as git last saw it (same size and mtime).
      key.update(entry && identity.size === entry.size && sameMtime(identity.mtimeMs, entry) ? `${path}\0${entry.blob}\0` : `${path}\0${identity.text}\0`);
    });
    if (file) files.push(file);
  }
  return { files, warnings, contentKey: finishKey(key, warnings) };
}

function sameMtime(mtimeMs: number, entry: IndexEntry): boolean {
  // Stats.mtimeMs is a double computed as sec * 1e3 + nsec / 1e6; allow for its rounding.
  return Math.abs(mtimeMs - (entry.mtimeSec * 1e3 + entry.mtimeNsec / 1e6)) < 0.001;
}

function finishKey(key: Hash, warnings: ScanWarning[]): string {
  for (const warning of warnings) key.update(`!${warning.file}\0${warning.message}\0`);
  return key.digest('hex');
}

/** How a listed file is identified when git cannot name its content: size, mtime and (for a symlink) its target. */
interface StatIdentity {
  size: number;
  mtimeMs: number;
  text: string;
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
  identify?.({ size: stats.size, mtimeMs: stats.mtimeMs, text: `${linkTarget ? `l:${linkTarget}:` : 's:'}${stats.size}:${stats.mtimeMs}` });
  return { path, size: stats.size };
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

/** Outside git nothing names the content: each file is identified by its path, size and mtime. */
function walkKey(files: RepoFile[], identities: Map<string, string>, warnings: ScanWarning[]): string {
  const key = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) key.update(`${file.path}\0${identities.get(file.path) ?? ''}\0`);
  return finishKey(key, warnings);
}

function isIgnored(rules: { base: string; ig: Ignore }[], path: string, isDir: boolean): boolean {
  for (const { base, ig } of rules) {
    const rel = base ? path.slice(base.length + 1) : path;
    if (ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}
