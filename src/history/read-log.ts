import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { gitWouldBlock } from '../sources/git/git-files.js';
import { readHeadFiles, type HeadFiles } from '../sources/git/read-head.js';
import { gitSync } from '../sources/git/safe-git.js';
import { userGitConfigTexts } from '../sources/git/user-files.js';
import { readControlFile } from '../sources/repository/read-file.js';
import type { AuthorIdentity } from './identities.js';
import { isRecords, recordOf, walkWindow, type LogRecord } from './log-records.js';
import { LOG_FORMAT, parseLog } from './parse-log.js';

/**
 * Reading git: which branch, which commits, from one `git log` over the main branch and every
 * commit merged into it (or from the history cache). Every git call goes through
 * src/sources/git/safe-git.ts; the long one is yielded to the caller, which runs it in the
 * foreground or in its own process (readHistory, readHistoryAsync).
 */

export const SHALLOW_CLONE = 'shallow clone: fetch full history (git fetch --unshallow)';

/** Settings the scanned repository could otherwise use to hide or garble what we parse. */
export const LOG_CONFIG = ['log.showRoot=true', 'diff.relative=false', 'i18n.logOutputEncoding=UTF-8', 'log.mailmap=true', 'core.quotePath=false'];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A store for what `git log` said about a repository, reduced to LogRecords. Entries are looked up
 * by a key that covers HEAD, the branch, the day the window starts, maxCommits, .mailmap and the
 * git configuration, plus `fingerprint` (the tool and whatever decides the platform team). The
 * window's exact start is applied on every run by walking the stored commits as git would, so an
 * answer never depends on whether it came from the store.
 */
export interface HistoryCache {
  fingerprint: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface LogRequest {
  since: Date;
  mainBranch?: string;
  maxCommits: number;
  /** A commit of the branch to read back from instead of its tip (ReadHistoryOptions.tip). */
  tip?: string;
  platformMembers?: (identity: AuthorIdentity) => boolean;
  cache?: HistoryCache;
}

/** The commits of the window, or why git cannot tell. */
export type LogReading =
  | { records: LogRecord[]; branch: { name: string; hash: string } }
  | { unreadable: string; shallow?: true };

interface Place {
  prefix: string;
  branch: { name: string; hash: string };
  head?: HeadFiles;
}

/** The reading, written once: it yields the `git log` arguments and receives that command's output. */
export function* readLog(repoRoot: string, request: LogRequest): Generator<string[], LogReading, string> {
  const blocked = gitWouldBlock(repoRoot);
  if (blocked !== undefined) return { unreadable: `${blocked}: git not run` };
  const place = locate(repoRoot, request.mainBranch);
  if ('unreadable' in place) return place;
  const { prefix } = place;
  let { branch } = place;
  if (request.tip !== undefined) {
    // Only a full commit id: never an option, a range or a name the repository could define.
    if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(request.tip)) return { unreadable: `not a commit id: ${request.tip.slice(0, 80)}` };
    branch = { name: branch.name, hash: request.tip };
  }
  const sinceSeconds = Math.floor(request.since.getTime() / 1000);
  const toRecords = (out: string, from: Date) => parseLog(out, Math.floor(from.getTime() / 1000)).map((commit) => recordOf(commit, prefix, branch.name, request.platformMembers));
  // The store answers for a whole day: what is read is the log from the start of the window's day.
  const dayStart = new Date(Math.floor(request.since.getTime() / DAY_MS) * DAY_MS);
  const cache = request.cache;
  // The stored log is keyed by HEAD's commit: a read from another tip is not stored.
  const key = cache !== undefined && prefix === '' && place.head !== undefined && request.tip === undefined ? historyKey(repoRoot, place.head, cache.fingerprint, dayStart, request.maxCommits) : undefined;
  let records: LogRecord[] | undefined;
  if (key !== undefined) {
    const stored = cache!.get(key);
    if (isRecords(stored)) records = stored;
    else {
      const wide = toRecords(yield logArgs(dayStart, request.maxCommits, branch.hash), dayStart);
      // Cut at maxCommits, the longer log is not the shorter one's superset: read the exact window instead (and keep nothing).
      if (wide.length < request.maxCommits) {
        records = wide;
        cache!.set(key, records);
      }
    }
  }
  // Replace refs and grafts are off for every git call (GIT_NO_REPLACE_OBJECTS, sources/git/safe-git.ts).
  records ??= toRecords(yield logArgs(request.since, request.maxCommits, branch.hash), request.since);
  return { records: walkWindow(records, branch.hash, sinceSeconds), branch };
}

function logArgs(since: Date, maxCommits: number, tip: string): string[] {
  return ['log', '--no-color', '--no-renames', '--no-textconv', '--no-ext-diff', '--no-show-signature', '--name-only', '-z', LOG_FORMAT, `--since=${since.toISOString()}`, `--max-count=${maxCommits}`, tip, '--'];
}

/**
 * Where we are: the prefix of the scanned folder in its repository (history covers the whole
 * repository, files count only below it) and the branch read. The common case (the checked-out
 * branch) is read from .git's files when that is certain, else in one `git rev-parse`.
 */
function locate(repoRoot: string, mainBranch: string | undefined): Place | { unreadable: string; shallow?: true } {
  const head = mainBranch === undefined ? readHeadFiles(repoRoot) : undefined;
  if (head !== undefined) return { prefix: '', branch: { name: head.name, hash: head.hash }, head };
  const quick = mainBranch === undefined ? describeHead(repoRoot) : undefined;
  let shallow: string;
  let prefix: string;
  if (quick !== undefined) ({ shallow, prefix } = quick);
  else {
    try {
      [shallow = '', prefix = ''] = gitSync(['rev-parse', '--is-shallow-repository', '--show-prefix'], { cwd: repoRoot, timeoutMs: 10_000 }).split('\n');
    } catch {
      return { unreadable: 'not a git repository: history needs the .git folder (scan a clone, not an export)' };
    }
  }
  if (shallow.trim() === 'true') return { unreadable: SHALLOW_CLONE, shallow: true };
  const branch = quick !== undefined ? { name: quick.name, hash: quick.hash } : resolveBranch(repoRoot, mainBranch);
  if (branch === undefined) {
    return {
      unreadable: mainBranch !== undefined ? `branch "${mainBranch}" not found: set history.mainBranch to the branch changes land on` : 'no commits yet',
    };
  }
  return { prefix, branch };
}

/**
 * What a file of the key says: its text, or, for one that is not a small plain file (a link, a
 * FIFO, a huge file: `.mailmap -> /dev/zero` is a valid commit), its stat identity, which is never
 * read through.
 */
function readOrEmpty(file: string): string {
  const text = readControlFile(file);
  if (text !== undefined) return text;
  try {
    const stats = lstatSync(file);
    return `\0${stats.mode}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
  } catch {
    return '';
  }
}

/** The version of LogRecord's shape: stored records of another shape are never read. */
const RECORDS_VERSION = 2;

/**
 * The store's key, or undefined when what git prints could depend on something the key cannot
 * cover (a mailmap file or blob named in the configuration).
 */
function historyKey(repoRoot: string, head: HeadFiles, fingerprint: string, dayStart: Date, maxCommits: number): string | undefined {
  // The user's git configuration too: git reads it for every call, and .mailmap settings may live there.
  const configs = [userGitConfigTexts().join('\0'), readOrEmpty(join(head.gitDir, 'config')), head.commonDir === head.gitDir ? '' : readOrEmpty(join(head.commonDir, 'config'))];
  if (configs.some((config) => /mailmap/i.test(config))) return undefined;
  return createHash('sha256')
    .update(JSON.stringify([RECORDS_VERSION, fingerprint, repoRoot, head.hash, head.name, dayStart.toISOString(), maxCommits, readOrEmpty(join(repoRoot, '.mailmap')), ...configs]))
    .digest('hex');
}

/** One `git rev-parse` for shallow, prefix, HEAD's commit and branch; undefined when any is missing. */
function describeHead(repoRoot: string): { shallow: string; prefix: string; hash: string; name: string } | undefined {
  try {
    const [shallow = '', prefix = '', hash = '', name = ''] = gitSync(['rev-parse', '--is-shallow-repository', '--show-prefix', 'HEAD', '--abbrev-ref', 'HEAD'], { cwd: repoRoot, timeoutMs: 10_000 }).split('\n');
    if (!/^[0-9a-f]{40,64}$/.test(hash.trim())) return undefined;
    return { shallow, prefix, hash: hash.trim(), name: name.trim() === '' ? 'HEAD' : name.trim() };
  } catch {
    return undefined;
  }
}

function resolveBranch(repoRoot: string, mainBranch: string | undefined): { name: string; hash: string } | undefined {
  const candidates = mainBranch === undefined ? ['HEAD'] : [`refs/heads/${mainBranch}`, `refs/remotes/origin/${mainBranch}`];
  for (const ref of candidates) {
    try {
      const hash = gitSync(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repoRoot, timeoutMs: 10_000 }).trim();
      if (!/^[0-9a-f]{40,64}$/.test(hash)) continue;
      return { name: mainBranch ?? headName(repoRoot), hash };
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function headName(repoRoot: string): string {
  try {
    return gitSync(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: repoRoot, timeoutMs: 10_000 }).trim() || 'HEAD';
  } catch {
    return 'HEAD'; // detached
  }
}
