import { lstatSync, readdirSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanWarning } from '../../core/types.js';
import type { Limits } from '../../core/limits.js';
import { gitSync, gitWorkTreeTop } from '../git/safe-git.js';

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
}

/**
 * The files of a repository: `git ls-files` inside a git work tree (fast, respects .gitignore
 * exactly as git does), a walker otherwise. Only regular files whose real path stays inside
 * `root` are returned; everything else is skipped with a warning.
 */
export function listFiles(root: string, limits: Limits, options: { useGit?: boolean } = {}): ListResult {
  const realRoot = realpathSync(root);
  const top = options.useGit === false ? undefined : gitWorkTreeTop(realRoot);
  if (top !== undefined) {
    const paths = listWithGit(realRoot);
    if (paths !== undefined) return { ...statAll(realRoot, paths, limits), lister: 'git' };
  }
  return { ...walk(realRoot, limits), lister: 'walk' };
}

function listWithGit(root: string): string[] | undefined {
  try {
    const out = gitSync(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', '.'], {
      cwd: root,
    });
    // --full-name gives paths from the top of the work tree; make them relative to root.
    const top = gitSync(['rev-parse', '--show-prefix'], { cwd: root }).trim();
    const paths: string[] = [];
    const seen = new Set<string>();
    for (const full of out.split('\0')) {
      if (full === '') continue;
      const path = top && full.startsWith(top) ? full.slice(top.length) : full;
      if (seen.has(path)) continue;
      seen.add(path);
      paths.push(path);
    }
    return paths;
  } catch {
    return undefined;
  }
}

function statAll(root: string, paths: string[], limits: Limits): Omit<ListResult, 'lister'> {
  const files: RepoFile[] = [];
  const warnings: ScanWarning[] = [];
  for (const path of paths) {
    if (isVendoredPath(path)) continue;
    if (files.length >= limits.maxFiles) {
      warnings.push({ file: path, message: `file limit reached (${limits.maxFiles} files): the rest of the repository was not scanned` });
      break;
    }
    const file = checkFile(root, path, warnings);
    if (file) files.push(file);
  }
  return { files, warnings };
}

/** lstat a listed path; follow a symlink only when its target is a regular file inside root. */
function checkFile(root: string, path: string, warnings: ScanWarning[]): RepoFile | undefined {
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
  }
  if (stats.isDirectory()) return undefined; // a submodule's gitlink
  if (!stats.isFile()) {
    warnings.push({ file: path, message: 'not a regular file (FIFO, socket or device): skipped' });
    return undefined;
  }
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
        return { files, warnings };
      }
      const file = checkFile(root, path, warnings);
      if (file) files.push(file);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, warnings };
}

function isIgnored(rules: { base: string; ig: Ignore }[], path: string, isDir: boolean): boolean {
  for (const { base, ig } of rules) {
    const rel = base ? path.slice(base.length + 1) : path;
    if (ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}
