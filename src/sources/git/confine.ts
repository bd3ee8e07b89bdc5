import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { readControlFile } from '../repository/read-file.js';
import { gitLayout, isWithin } from './git-layout.js';
import { userGitFiles } from './user-files.js';

/**
 * Keeps git inside the scanned tree. Before git is started in a folder, everything it would open
 * first is looked at here, one lstat or one small read each, with no git process:
 *
 * - the `.git` layout (see git-layout.ts: a `.git` file or link is followed only where git made it);
 * - the files git opens in the repository folder (configuration, HEAD, index, refs, exclude and
 *   attribute files, alternates…) and at the top of the work tree (`.gitignore`, `.gitattributes`,
 *   `.mailmap`): a FIFO or a device there would make git wait until killed;
 * - the repository's own configuration, which is scanned content: an `include.path` or
 *   `includeIf.*.path` must name a plain file inside the repository (git offers no switch to skip
 *   includes), `core.worktree` may only name this work tree (submodules set it), and every key that
 *   names a file to read — `core.excludesFile`, `core.attributesFile`, `mailmap.file`,
 *   `mailmap.blob` — is overridden on git's command line with the user's own value.
 *
 * `refused` says why git must not run at all (the caller walks the folder instead, with a
 * warning); `config` holds the `-c` overrides for every git call in this repository.
 */
export interface Confinement {
  refused?: string;
  config: string[];
}

/** Files of the repository folder git may open for the commands we run (ls-files, log, rev-parse). */
const REPOSITORY_FILES = ['config', 'config.worktree', 'HEAD', 'index', 'commondir', 'gitdir', 'packed-refs', 'shallow', 'info/exclude', 'info/attributes', 'info/grafts', 'info/sparse-checkout', 'objects/info/alternates', 'objects/info/commit-graph'];
/** Files of the work tree's top git opens (ls-files reads the exclude files of every folder on the way). */
const TOP_FILES = ['.gitignore', '.gitattributes', '.mailmap'];
/** Keys of a repository configuration that make git open a file, with git's default when the user sets none. */
const FILE_KEYS: Record<string, () => string> = {
  'core.excludesfile': () => userGitFiles().excludes,
  'core.attributesfile': () => join(dirname(userGitFiles().excludes), 'attributes'),
  'mailmap.file': () => '',
  'mailmap.blob': () => '',
};
const MENTIONS = /include|worktree|excludesfile|attributesfile|mailmap/i;
const MAX_REF_ENTRIES = 5_000;
const MAX_INCLUDE_DEPTH = 10;

export function gitConfinement(root: string): Confinement {
  const found = findTop(root);
  if (found === undefined) return { config: [] };
  if ('refused' in found) return { refused: found.refused, config: [] };
  const { top } = found;
  const shown = (path: string): string => relative(root, path) || path;
  const layout = gitLayout(top);
  if (layout.kind === 'none') return { config: [] };
  if (layout.kind === 'refused') return { refused: top === root ? layout.reason : `${shown(join(top, '.git'))}: ${layout.reason}`, config: [] };
  const { gitDir } = layout;
  const common = existsAt(join(gitDir, 'commondir')) ? readControlFile(join(gitDir, 'commondir')) : '';
  if (common === undefined) return { refused: `${shown(join(gitDir, 'commondir'))} is not a plain small file (git would wait on it or read elsewhere)`, config: [] };
  const commonDir = common.trim() !== '' ? resolve(gitDir, common.trim()) : gitDir;
  const allowed = [realOr(top), realOr(gitDir), realOr(commonDir)];

  const folders = [...new Set([gitDir, commonDir])];
  for (const file of [...folders.flatMap((dir) => REPOSITORY_FILES.map((name) => join(dir, name))), ...topFiles(top, root)]) {
    const problem = fileProblem(file, allowed);
    if (problem) return { refused: `${shown(file)} ${problem}`, config: [] };
  }
  for (const dir of folders) {
    const fifo = specialFileUnder(join(dir, 'refs'));
    if (fifo) return { refused: `${shown(fifo)} is not a regular file (git would wait on it)`, config: [] };
  }
  const alternates = outsideAlternate(commonDir, allowed);
  if (alternates) return { refused: `${shown(join(commonDir, 'objects', 'info', 'alternates'))} names objects outside the repository (${alternates})`, config: [] };
  return configOverrides(folders.flatMap((dir) => [join(dir, 'config'), join(dir, 'config.worktree')]), top, allowed, shown);
}

/** The work tree top git would find from `root` (root or the nearest parent with a `.git`), or a bare-looking folder's problem. */
function findTop(root: string): { top: string } | { refused: string } | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsAt(join(dir, '.git'))) return { top: dir };
    // git takes a folder with HEAD, objects/ and refs/ for a bare repository, and reads its HEAD.
    if (existsAt(join(dir, 'objects')) && existsAt(join(dir, 'refs'))) {
      const problem = fileProblem(join(dir, 'HEAD'), [realOr(dir)]);
      if (problem) return { refused: `${relative(root, join(dir, 'HEAD')) || 'HEAD'} ${problem}` };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** `.gitignore` of every folder from the top down to root, `.gitattributes` and `.mailmap` at the top. */
function topFiles(top: string, root: string): string[] {
  const files = TOP_FILES.map((name) => join(top, name));
  const rel = relative(top, root);
  let dir = top;
  for (const part of rel === '' ? [] : rel.split(/[\\/]/)) {
    dir = join(dir, part);
    files.push(join(dir, '.gitignore'));
  }
  return files;
}

/** Why git must not open `file`: a FIFO, socket or device (it would wait), or a link out of the repository. */
function fileProblem(file: string, allowed: string[]): string | undefined {
  let stats = lstatOf(file);
  if (stats === undefined || stats.isFile() || stats.isDirectory()) return undefined; // missing: git skips it
  if (stats.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync.native(file);
      stats = statSync(target);
    } catch {
      return undefined; // a dangling link reads as missing
    }
    if (!allowed.some((folder) => isWithin(folder, target))) return 'links outside the repository (git would read it)';
    return stats.isFile() || stats.isDirectory() ? undefined : 'links to a file that is not a regular file (git would wait on it)';
  }
  return 'is not a regular file (git would wait on it)';
}

/** The first FIFO, socket or device under a refs folder (git opens every ref it resolves); bounded. */
function specialFileUnder(folder: string): string | undefined {
  const stack = [folder];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_REF_ENTRIES) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      seen++;
      if (entry.isDirectory()) stack.push(join(dir, entry.name));
      else if (!entry.isFile() && !entry.isSymbolicLink()) return join(dir, entry.name);
    }
  }
  return undefined;
}

/** An object folder named by `objects/info/alternates` outside the repository, if any. */
function outsideAlternate(commonDir: string, allowed: string[]): string | undefined {
  const file = join(commonDir, 'objects', 'info', 'alternates');
  if (!existsAt(file)) return undefined;
  const text = readControlFile(file);
  if (text === undefined) return 'unreadable';
  for (const line of text.split('\n')) {
    const path = line.trim();
    if (path === '' || path.startsWith('#')) continue;
    const target = realOr(isAbsolute(path) ? path : resolve(commonDir, 'objects', path));
    if (!allowed.some((folder) => isWithin(folder, target))) return path;
  }
  return undefined;
}

/** Reads the repository's configurations (and what they include) for keys that reach outside; see Confinement. */
function configOverrides(configs: string[], top: string, allowed: string[], shown: (path: string) => string): Confinement {
  const queue = [...new Set(configs)].map((file) => ({ file, depth: 0 }));
  const seen = new Set<string>();
  const keys = new Set<string>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { file, depth } = next;
    if (seen.has(file) || !existsAt(file)) continue;
    seen.add(file);
    if (!lstatOf(file)?.isFile()) return { refused: `${shown(file)} is not a regular file`, config: [] };
    const text = readControlFile(file);
    if (text === undefined) return { refused: `${shown(file)} is not a plain configuration file under 1 MiB`, config: [] };
    if (!MENTIONS.test(text)) continue;
    const entries = listConfig(file);
    if (entries === undefined) return { refused: `${shown(file)} cannot be read by git as a configuration`, config: [] };
    for (const [key, value] of entries) {
      if (key === 'include.path' || (key.startsWith('includeif.') && key.endsWith('.path'))) {
        const included = depth < MAX_INCLUDE_DEPTH ? includedFile(file, value, allowed) : { problem: 'includes nested too deep' };
        if (typeof included !== 'string') return { refused: `${shown(file)} includes "${value}" (${included.problem}): git would read it`, config: [] };
        queue.push({ file: included, depth: depth + 1 });
      } else if (key === 'core.worktree') {
        const target = realOr(isAbsolute(value) ? value : resolve(dirname(file), value));
        if (target !== realOr(top)) return { refused: `${shown(file)} sets core.worktree to "${value}", another folder than this work tree`, config: [] };
      } else if (key in FILE_KEYS) keys.add(key);
    }
  }
  const user = keys.size > 0 ? userValues() : new Map<string, string>();
  return { config: [...keys].map((key) => `${key}=${user.get(key) ?? FILE_KEYS[key]!()}`) };
}

/** The file an include names, when it is a plain file inside the repository; else why not. */
function includedFile(config: string, value: string, allowed: string[]): string | { problem: string } {
  if (value.startsWith('~') || value.startsWith('%(')) return { problem: 'outside the repository' };
  const path = isAbsolute(value) ? value : resolve(dirname(config), value);
  const stats = lstatOf(path);
  if (stats === undefined) return { problem: 'missing' };
  if (!stats.isFile()) return { problem: stats.isSymbolicLink() ? 'a symbolic link' : 'not a regular file' };
  return allowed.some((folder) => isWithin(folder, realOr(path))) ? path : { problem: 'outside the repository' };
}

let scratch: string | undefined;
/** One configuration file's own entries (no includes), parsed by git outside any repository. */
function listConfig(file: string): [key: string, value: string][] | undefined {
  scratch ??= mkdtempSync(join(tmpdir(), 'k8sm-gitconfig-'));
  let out: string;
  try {
    out = execFileSync('git', ['config', '--file', file, '--no-includes', '--null', '--list'], {
      cwd: scratch,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CEILING_DIRECTORIES: dirname(scratch) },
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
  return out
    .split('\0')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const at = entry.indexOf('\n');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    });
}

let user: { home: string; values: Map<string, string> } | undefined;
/** The user's own values of FILE_KEYS (their configuration is trusted), read once per process. */
function userValues(): Map<string, string> {
  const home = `${process.env.HOME}\0${process.env.XDG_CONFIG_HOME}`;
  if (user?.home === home) return user.values;
  const values = new Map<string, string>();
  scratch ??= mkdtempSync(join(tmpdir(), 'k8sm-gitconfig-'));
  try {
    const out = execFileSync('git', ['config', '--global', '--includes', '--null', '--list'], {
      cwd: scratch,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...(process.env.XDG_CONFIG_HOME ? { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME } : {}), GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: dirname(scratch) },
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    for (const entry of out.split('\0')) {
      const at = entry.indexOf('\n');
      if (at > 0 && entry.slice(0, at) in FILE_KEYS) values.set(entry.slice(0, at), entry.slice(at + 1));
    }
  } catch {
    // No global configuration: git's defaults.
  }
  user = { home, values };
  return values;
}

/** lstat without an exception for a missing file: most paths checked here are missing, and a thrown error costs ten times the call. */
function lstatOf(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // ENOTDIR, EACCES: nothing git could open either
  }
}

function existsAt(path: string): boolean {
  return lstatOf(path) !== undefined;
}

function realOr(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}
