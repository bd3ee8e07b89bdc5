import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Detection, HistoryEvidence } from '../core/types.js';
import { gitInBackground, gitSync } from '../sources/git/safe-git.js';
import { readHeadFiles, type HeadFiles } from '../sources/git/read-head.js';
import { gitWouldBlock } from '../sources/git/git-files.js';
import { userGitConfigTexts } from '../sources/git/user-files.js';
import { readControlFile } from '../sources/repository/read-file.js';
import { deployCategoryOf, DEVELOPER_OWNED_CATEGORIES, type DeployCategory } from './categories.js';

/**
 * What git history says about culture, from ONE `git log` over the main branch and every commit
 * merged into it. File names only: no contents, no diffs, and commit messages never leave this
 * module (they may contain secrets); subjects are read only to recognise pull-request merges.
 */

export const HISTORY_SIGNALS = ['team-wide-ownership', 'developer-owned-manifests', 'merged-pull-requests'] as const;
export type HistorySignal = (typeof HISTORY_SIGNALS)[number];

export const NEEDS_TEAM_CONFIG =
  'needs a team configuration (teams[].members, platform team) to tell developers from operators';
export const SHALLOW_CLONE = 'shallow clone: fetch full history (git fetch --unshallow)';

export interface HistoryIdentity {
  /** After .mailmap. */
  name: string;
  email: string;
}

export interface ReadHistoryOptions {
  /** Start of the window (commit date). */
  since: Date;
  /** End of the window, for the wording "in the last N days"; default now. */
  now?: Date;
  /** Is this person on the platform team? Without it developer-owned-manifests is unknown. */
  platformMembers?: (identity: HistoryIdentity) => boolean;
  /** The branch changes land on; default the checked-out branch (HEAD). */
  mainBranch?: string;
  /** Share of changes to main through pull requests at or above which merged-pull-requests is present. Default 0.5. */
  pullRequestThreshold?: number;
  /** Set on every evidence item (the repository as reported). */
  repository?: string;
  /** Newest commits read at most; older ones are left out and `stats.truncated` is set. Default 100,000. */
  maxCommits?: number;
  /**
   * Where the commits read can be kept between runs (see HistoryCache): with it, an unchanged
   * repository's history is read without starting git at all.
   */
  cache?: HistoryCache;
}

/**
 * A store for what `git log` said about a repository, reduced to what the facts are computed from
 * (hashes, parents, dates, the person after .mailmap, and flags: bot, deploy files, platform team,
 * pull request; never a subject or a file name). Entries are looked up by a key that covers HEAD,
 * the branch, the day the window starts, maxCommits, .mailmap and the git configuration, plus
 * `fingerprint` (the tool and whatever decides the platform team). The window's exact start is
 * applied on every run by walking the stored commits as git would, so an answer never depends on
 * whether it came from the store.
 */
export interface HistoryCache {
  fingerprint: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** A commit as stored: hash, parents, commit time, person, and flags (bot, deploy, developer-owned by someone outside the platform team, pull request). */
export interface LogRecord {
  h: string;
  p: string[];
  t: number;
  who: string;
  bot?: 1;
  dep?: 1;
  dev?: 1;
  pr?: 1;
}

export interface PersonCount {
  /** The email (or the name when there is none), after .mailmap. */
  person: string;
  commits: number;
}

export interface HistoryFacts {
  detections: Detection[];
  unknown: { signal: HistorySignal; reason: string }[];
  /** Signals looked at and not found, with the fact behind it ("only alice@… changed deploy files"). */
  absent: { signal: HistorySignal; reason: string }[];
  stats: { commits: number; authors: number; ms?: number; truncated?: boolean };
  window: { since: string; until: string; days: number; branch?: string };
  shallow: boolean;
  /** People (bots left out) who changed platform/deploy files, most commits first. */
  deployChangers: PersonCount[];
  /** Of those, the ones outside the platform team (only with a platformMembers predicate). */
  developerChangers?: PersonCount[];
  mainChanges: { total: number; throughPullRequests: number };
}

interface Commit {
  hash: string;
  parents: string[];
  name: string;
  email: string;
  time: number;
  subject: string;
  files: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
// eslint-disable-next-line no-control-regex -- \x1f is our own field separator
const HEADER = /^[0-9a-f]{40}(?:[0-9a-f]{24})?\x1f/;
/** Settings the scanned repository could otherwise use to hide or garble what we parse. */
const LOG_CONFIG = ['log.showRoot=true', 'diff.relative=false', 'i18n.logOutputEncoding=UTF-8', 'log.mailmap=true', 'core.quotePath=false'];

export function readHistory(repoRoot: string, options: ReadHistoryOptions): HistoryFacts {
  const steps = historySteps(repoRoot, options);
  let step = steps.next();
  while (!step.done) step = steps.next(gitSync(step.value, { cwd: repoRoot, config: LOG_CONFIG, timeoutMs: 120_000 }));
  return step.value;
}

/**
 * The same, with the one long git call (`git log`) running in its own process while the caller
 * goes on: a scan starts it before parsing the repository, so history costs almost nothing on a
 * second core.
 */
export async function readHistoryAsync(repoRoot: string, options: ReadHistoryOptions): Promise<HistoryFacts> {
  const steps = historySteps(repoRoot, options);
  let step = steps.next();
  while (!step.done) step = steps.next(await gitInBackground(step.value, { cwd: repoRoot, config: LOG_CONFIG, timeoutMs: 120_000 }));
  return step.value;
}

/** The reading, written once: it yields the `git log` arguments and receives that command's output. */
function* historySteps(repoRoot: string, options: ReadHistoryOptions): Generator<string[], HistoryFacts, string> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const days = Math.max(0, Math.round((now.getTime() - options.since.getTime()) / DAY_MS));
  const facts: HistoryFacts = {
    detections: [],
    unknown: [],
    absent: [],
    stats: { commits: 0, authors: 0 },
    window: { since: options.since.toISOString(), until: now.toISOString(), days },
    shallow: false,
    deployChangers: [],
    mainChanges: { total: 0, throughPullRequests: 0 },
  };
  const finish = (): HistoryFacts => {
    facts.stats.ms = Math.round(performance.now() - started);
    return facts;
  };
  const allUnknown = (reason: string): HistoryFacts => {
    facts.unknown = HISTORY_SIGNALS.map((signal) => ({ signal, reason }));
    return finish();
  };

  const blocked = gitWouldBlock(repoRoot);
  if (blocked !== undefined) return allUnknown(`${blocked}: git not run`);

  // Where we are in the repository: history covers the whole repository, files count only below us.
  let prefix: string;
  let shallow: string;
  // The common case (the checked-out branch) in one git call: shallow?, prefix, HEAD and its name.
  let branch: { name: string; hash: string } | undefined;
  // Read from .git's files when that is certain (no git process), else one `git rev-parse`.
  const head = options.mainBranch === undefined ? readHeadFiles(repoRoot) : undefined;
  const quick = head !== undefined ? { shallow: 'false', prefix: '', hash: head.hash, name: head.name } : options.mainBranch === undefined ? describeHead(repoRoot) : undefined;
  if (quick) {
    ({ shallow, prefix } = quick);
    branch = { name: quick.name, hash: quick.hash };
  } else {
    try {
      [shallow = '', prefix = ''] = gitSync(['rev-parse', '--is-shallow-repository', '--show-prefix'], { cwd: repoRoot, timeoutMs: 10_000 }).split('\n');
    } catch {
      return allUnknown('not a git repository: history needs the .git folder (scan a clone, not an export)');
    }
  }
  if (shallow.trim() === 'true') {
    facts.shallow = true;
    return allUnknown(SHALLOW_CLONE);
  }
  branch ??= resolveBranch(repoRoot, options.mainBranch);
  if (branch === undefined) {
    return allUnknown(
      options.mainBranch !== undefined
        ? `branch "${options.mainBranch}" not found: set history.mainBranch to the branch changes land on`
        : 'no commits yet',
    );
  }
  facts.window.branch = branch.name;
  const found = branch;

  const maxCommits = options.maxCommits ?? 100_000;
  const sinceSeconds = Math.floor(options.since.getTime() / 1000);
  const logArgs = (since: Date): string[] => [
    'log',
    '--no-color',
    '--no-renames',
    '--no-textconv',
    '--no-ext-diff',
    '--no-show-signature',
    '--name-only',
    '-z',
    '--format=%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%ct%x1f%s',
    `--since=${since.toISOString()}`,
    `--max-count=${maxCommits}`,
    found.hash,
    '--',
  ];
  const toRecords = (commits: Commit[]): LogRecord[] => commits.map((commit) => recordOf(commit, prefix, found.name, options.platformMembers));
  // The store answers for a whole day: what is read is the log from the start of the window's day.
  const dayStart = new Date(Math.floor(options.since.getTime() / DAY_MS) * DAY_MS);
  const key = options.cache !== undefined && prefix === '' && head !== undefined ? historyKey(repoRoot, head, options.cache.fingerprint, dayStart, maxCommits) : undefined;
  let records: LogRecord[] | undefined;
  if (key !== undefined) {
    const stored = options.cache!.get(key);
    if (isRecords(stored)) records = stored;
  }
  if (records === undefined && key !== undefined) {
    const wide = parseLog(yield logArgs(dayStart), Math.floor(dayStart.getTime() / 1000));
    // Cut at maxCommits, the longer log is not the shorter one's superset: read the exact window instead (and keep nothing).
    if (wide.length < maxCommits) {
      records = toRecords(wide);
      options.cache!.set(key, records);
    }
  }
  records ??= toRecords(parseLog(yield logArgs(options.since), sinceSeconds));
  const inWindow = walkWindow(records, branch.hash, sinceSeconds);
  facts.stats.commits = inWindow.length;
  if (inWindow.length >= maxCommits) facts.stats.truncated = true;
  const window = `in the last ${days} days`;
  if (inWindow.length === 0) return allUnknown(`no commits ${window} (since ${facts.window.since.slice(0, 10)}): widen history.since`);

  const evidence = (history: string): HistoryEvidence => ({
    history,
    ...(options.repository !== undefined ? { repository: options.repository } : {}),
    source: 'history',
  });

  /* People and deploy files */
  const authors = new Set<string>();
  const deploy = new Map<string, number>();
  const developer = new Map<string, number>();
  for (const record of inWindow) {
    if (record.bot) continue;
    const person = record.who;
    authors.add(person);
    if (record.dep) deploy.set(person, (deploy.get(person) ?? 0) + 1);
    if (record.dev) developer.set(person, (developer.get(person) ?? 0) + 1);
  }
  facts.stats.authors = authors.size;
  facts.deployChangers = ranked(deploy);

  if (facts.deployChangers.length > 1) {
    facts.detections.push({
      id: 'team-wide-ownership',
      evidence: [evidence(`${facts.deployChangers.length} people changed platform/deploy files ${window}: ${listPeople(facts.deployChangers)}`)],
    });
  } else {
    facts.absent.push({
      signal: 'team-wide-ownership',
      reason:
        facts.deployChangers.length === 1
          ? `only ${listPeople(facts.deployChangers)} changed platform/deploy files ${window}`
          : `nobody changed platform/deploy files ${window}`,
    });
  }

  if (options.platformMembers === undefined) {
    facts.unknown.push({ signal: 'developer-owned-manifests', reason: NEEDS_TEAM_CONFIG });
  } else {
    facts.developerChangers = ranked(developer);
    if (facts.developerChangers.length > 0) {
      const count = facts.developerChangers.length;
      facts.detections.push({
        id: 'developer-owned-manifests',
        evidence: [evidence(`${count} ${count === 1 ? 'person' : 'people'} outside the platform team changed Dockerfiles, manifests or charts ${window}: ${listPeople(facts.developerChangers)}`)],
      });
    } else {
      facts.absent.push({ signal: 'developer-owned-manifests', reason: `only the platform team changed Dockerfiles, manifests or charts ${window}` });
    }
  }

  /* Changes to main: the first-parent chain from the tip, within the window */
  const byHash = new Map<string, LogRecord>();
  for (const record of inWindow) byHash.set(record.h, record);
  let total = 0;
  let throughPullRequests = 0;
  for (let record = byHash.get(branch.hash); record !== undefined; record = byHash.get(record.p[0] ?? '')) {
    total++;
    if (record.pr) throughPullRequests++;
    byHash.delete(record.h); // a cycle is impossible in git, but a forged log must not loop
  }
  facts.mainChanges = { total, throughPullRequests };
  const threshold = options.pullRequestThreshold ?? 0.5;
  if (total === 0) {
    facts.unknown.push({ signal: 'merged-pull-requests', reason: `no commits reached ${branch.name} ${window}` });
  } else {
    const share = `${throughPullRequests} of ${total} ${total === 1 ? 'change' : 'changes'} to ${branch.name} came through pull requests ${window} (${Math.round((100 * throughPullRequests) / total)}%)`;
    if (throughPullRequests / total >= threshold) facts.detections.push({ id: 'merged-pull-requests', evidence: [evidence(share)] });
    else facts.absent.push({ signal: 'merged-pull-requests', reason: `${share}; counted from ${Math.round(threshold * 100)}%` });
  }
  return finish();
}

/** What the facts need of one commit; the subject and the file names stay here. */
function recordOf(commit: Commit, prefix: string, branchName: string, platformMembers: ReadHistoryOptions['platformMembers']): LogRecord {
  let touchesDeploy = false;
  let touchesDeveloperOwned = false;
  for (const file of commit.files) {
    if (prefix !== '' && !file.startsWith(prefix)) continue;
    const category: DeployCategory | undefined = deployCategoryOf(prefix !== '' ? file.slice(prefix.length) : file);
    if (category === undefined) continue;
    touchesDeploy = true;
    if (DEVELOPER_OWNED_CATEGORIES.has(category)) {
      touchesDeveloperOwned = true;
      break; // both flags are known: the other files cannot change them (a commit may touch thousands)
    }
  }
  const record: LogRecord = { h: commit.hash, p: commit.parents, t: commit.time, who: personOf(commit) };
  if (isBot(commit)) record.bot = 1;
  if (touchesDeploy) record.dep = 1;
  if (touchesDeveloperOwned && platformMembers && !platformMembers({ name: commit.name, email: commit.email })) record.dev = 1;
  if (isPullRequestChange(commit, branchName)) record.pr = 1;
  return record;
}

/**
 * The commits `git log --since` would print, from a log read with an earlier (or the same) start:
 * git walks from the tip in date order, and a commit older than the start is neither printed nor
 * walked through, so a newer commit behind it (clock skew) is not reached either.
 */
export function walkWindow(records: readonly LogRecord[], tip: string, sinceSeconds: number): LogRecord[] {
  const byHash = new Map<string, LogRecord>();
  for (const record of records) byHash.set(record.h, record);
  const reached = new Set<string>();
  const stack = [tip];
  while (stack.length > 0) {
    const hash = stack.pop()!;
    if (reached.has(hash)) continue;
    const record = byHash.get(hash);
    if (record === undefined || record.t < sinceSeconds) continue;
    reached.add(hash);
    for (const parent of record.p) stack.push(parent);
  }
  return records.filter((record) => reached.has(record.h));
}

function isRecords(value: unknown): value is LogRecord[] {
  return (
    Array.isArray(value) &&
    value.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as LogRecord).h === 'string' &&
        Array.isArray((r as LogRecord).p) &&
        (r as LogRecord).p.every((p) => typeof p === 'string') &&
        typeof (r as LogRecord).t === 'number' &&
        typeof (r as LogRecord).who === 'string',
    )
  );
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

/**
 * The store's key, or undefined when what git prints could depend on something the key cannot
 * cover (a mailmap file or blob named in the configuration).
 */
function historyKey(repoRoot: string, head: HeadFiles, fingerprint: string, dayStart: Date, maxCommits: number): string | undefined {
  // The user's git configuration too: git reads it for every call, and .mailmap settings may live there.
  const configs = [userGitConfigTexts().join('\0'), readOrEmpty(join(head.gitDir, 'config')), head.commonDir === head.gitDir ? '' : readOrEmpty(join(head.commonDir, 'config'))];
  if (configs.some((config) => /mailmap/i.test(config))) return undefined;
  return createHash('sha256')
    .update(JSON.stringify([1, fingerprint, repoRoot, head.hash, head.name, dayStart.toISOString(), maxCommits, readOrEmpty(join(repoRoot, '.mailmap')), ...configs]))
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
      let name = mainBranch;
      if (name === undefined) {
        try {
          name = gitSync(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: repoRoot, timeoutMs: 10_000 }).trim() || 'HEAD';
        } catch {
          name = 'HEAD'; // detached
        }
      }
      return { name, hash };
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/**
 * Records start with \x1e and a header of \x1f-separated fields ending in NUL, then NUL-terminated
 * file names. A subject or a file name could itself contain \x1e: a chunk that does not start with
 * a commit hash is glued back onto the previous one.
 */
export function parseLog(out: string, sinceSeconds: number): Commit[] {
  const chunks: string[] = [];
  for (const chunk of out.split('\x1e')) {
    if (chunk === '') continue;
    if (HEADER.test(chunk) || chunks.length === 0) chunks.push(chunk);
    else chunks[chunks.length - 1] += `\x1e${chunk}`;
  }
  const commits: Commit[] = [];
  for (const chunk of chunks) {
    const parts = chunk.split('\0');
    const fields = parts[0]!.split('\x1f');
    if (fields.length < 6) continue;
    const time = Number(fields[4]);
    if (!Number.isFinite(time) || time < sinceSeconds) continue;
    const files: string[] = [];
    for (let i = 1; i < parts.length; i++) {
      const name = parts[i]!.replace(/^\n/, '');
      if (name !== '') files.push(name);
    }
    commits.push({
      hash: fields[0]!,
      parents: fields[1] === '' ? [] : fields[1]!.split(' '),
      name: fields[2]!,
      email: fields[3]!,
      time,
      subject: fields.slice(5).join('\x1f'),
      files,
    });
  }
  return commits;
}

function personOf(commit: Pick<Commit, 'name' | 'email'>): string {
  return (commit.email.trim() || commit.name.trim()).toLowerCase();
}

const BOT_NAME = /\[bot\]|^(dependabot|renovate|renovate-bot|github-actions|gitlab-bot|snyk-bot|mergify|pre-commit-ci|greenkeeper)\b/i;
const BOT_EMAIL = /\[bot\]@|^(bot@renovateapp\.com|support@dependabot\.com|noreply@github\.com|actions@github\.com)$/i;

/** Dependency bots change Dockerfiles and charts too; they are not people owning anything. */
export function isBot(identity: { name: string; email: string }): boolean {
  return BOT_NAME.test(identity.name) || BOT_EMAIL.test(identity.email);
}

/**
 * A change that reached main through a pull or merge request: a merge commit (other than pulling
 * the main branch into itself), a squash merge with GitHub's "(#123)" suffix, or the subjects
 * Bitbucket and Azure DevOps write.
 */
export function isPullRequestChange(commit: Pick<Commit, 'parents' | 'subject'>, mainBranch: string): boolean {
  const subject = commit.subject;
  if (commit.parents.length >= 2) {
    const merged = /^Merge (?:remote-tracking )?branch '([^']+)'/.exec(subject)?.[1];
    if (merged !== undefined && (merged === mainBranch || merged === `origin/${mainBranch}`) && !/ into '/.test(subject)) return false;
    return true;
  }
  return (
    /\(#\d+\)\s*$/.test(subject) ||
    /^Merge pull request #\d+/.test(subject) ||
    /\(pull request #\d+\)/i.test(subject) ||
    /^Merged PR \d+/.test(subject) ||
    /^Merge branch '[^']+' into '[^']+'/.test(subject)
  );
}

function ranked(counts: Map<string, number>): PersonCount[] {
  return [...counts]
    .map(([person, commits]) => ({ person, commits }))
    .sort((a, b) => b.commits - a.commits || (a.person < b.person ? -1 : 1));
}

function listPeople(people: PersonCount[], max = 5): string {
  const shown = people.slice(0, max).map((p) => `${p.person} (${p.commits} ${p.commits === 1 ? 'commit' : 'commits'})`);
  const more = people.length - shown.length;
  return shown.join(', ') + (more > 0 ? `, and ${more} more` : '');
}
