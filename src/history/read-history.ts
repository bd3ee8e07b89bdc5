import { performance } from 'node:perf_hooks';
import type { Detection } from '../core/types.js';
import { gitInBackground, gitSync } from '../sources/git/safe-git.js';
import type { AuthorIdentity } from './identities.js';
import { HISTORY_SIGNALS, judgeHistory, type HistorySignal, type PersonCount } from './judge-history.js';
import { LOG_CONFIG, readLog, type HistoryCache, type LogReading } from './read-log.js';
import { walkWindow } from './log-records.js';

/**
 * What git history says about culture: reading git (read-log.ts: one `git log` over the main
 * branch, or the history cache) and judging what it says (judge-history.ts: pure). File names
 * only: no contents, no diffs, and commit messages never leave src/history (they may contain
 * secrets); subjects are read only to recognise pull-request merges.
 */

export { HISTORY_SIGNALS, NEEDS_TEAM_CONFIG } from './judge-history.js';
export type { HistorySignal, PersonCount } from './judge-history.js';
export { SHALLOW_CLONE } from './read-log.js';
export type { HistoryCache } from './read-log.js';
export type { LogRecord } from './log-records.js';
export { walkWindow } from './log-records.js';

/** A commit's author after .mailmap. */
export type HistoryIdentity = AuthorIdentity;

export interface ReadHistoryOptions {
  /** Start of the window (commit date). */
  since: Date;
  /** End of the window, for the wording "in the last N days"; default now. */
  now?: Date;
  /** Is this person on the platform team? Without it developer-owned-manifests is unknown. */
  platformMembers?: (identity: HistoryIdentity) => boolean;
  /** The branch changes land on; default the checked-out branch (HEAD). */
  mainBranch?: string;
  /**
   * Read the branch as it was at this commit (a full commit id, e.g. a timeline's point): the log
   * walks back from it instead of the branch's tip, so commits after it are not seen. Pair it
   * with `now` at the point and `since` a window before it.
   */
  tip?: string;
  /** Share of changes to main through pull requests at or above which merged-pull-requests is present. Default 0.5. */
  pullRequestThreshold?: number;
  /** Set on every evidence item (the repository as reported). */
  repository?: string;
  /** Newest commits read at most; older ones are left out and `stats.truncated` is set. Default 100,000. */
  maxCommits?: number;
  /** Where the commits read can be kept between runs: with it, an unchanged repository's history is read without starting git at all. */
  cache?: HistoryCache;
}

export interface HistoryFacts {
  detections: Detection[];
  unknown: { signal: HistorySignal; reason: string }[];
  /** Signals looked at and not found, with the fact behind it ("alice@… made 97% of the commits…"). */
  absent: { signal: HistorySignal; reason: string }[];
  /** `authors`: people (identities merged, bots left out) with a commit in the window. */
  stats: { commits: number; authors: number; ms?: number; truncated?: boolean };
  window: { since: string; until: string; days: number; branch?: string };
  shallow: boolean;
  /** People (bots left out) who changed platform/deploy files, most commits first, with their shares. */
  deployChangers: PersonCount[];
  /** Of those, the ones outside the platform team (only with a platformMembers predicate). */
  developerChangers?: PersonCount[];
  mainChanges: { total: number; throughPullRequests: number };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const LOG_TIMEOUT_MS = 120_000;

export function readHistory(repoRoot: string, options: ReadHistoryOptions): HistoryFacts {
  const started = performance.now();
  const steps = readLog(repoRoot, logRequest(options));
  let step = steps.next();
  while (!step.done) step = steps.next(gitSync(step.value, { cwd: repoRoot, config: LOG_CONFIG, timeoutMs: LOG_TIMEOUT_MS }));
  return factsOf(step.value, options, started);
}

/**
 * The same, with the one long git call (`git log`) running in its own process while the caller
 * goes on: a scan starts it before parsing the repository, so history costs almost nothing on a
 * second core.
 */
export async function readHistoryAsync(repoRoot: string, options: ReadHistoryOptions): Promise<HistoryFacts> {
  const started = performance.now();
  const steps = readLog(repoRoot, logRequest(options));
  let step = steps.next();
  while (!step.done) step = steps.next(await gitInBackground(step.value, { cwd: repoRoot, config: LOG_CONFIG, timeoutMs: LOG_TIMEOUT_MS }));
  return factsOf(step.value, options, started);
}

/**
 * The log a timeline reads once per repository: from its newest point's commit (`tip`) back to
 * the start of its oldest window (`since`). historyFromLog then judges each point's window from
 * it, walking back from that point's commit as git would, without starting git again.
 */
export async function readLogOnce(repoRoot: string, options: ReadHistoryOptions): Promise<LogReading> {
  const steps = readLog(repoRoot, logRequest(options));
  let step = steps.next();
  while (!step.done) step = steps.next(await gitInBackground(step.value, { cwd: repoRoot, config: LOG_CONFIG, timeoutMs: LOG_TIMEOUT_MS }));
  return step.value;
}

/**
 * The facts of one window, from a log readLogOnce read over a wider one that contains it (the
 * same branch, read back from a commit that reaches `options.tip`). Undefined when that log was
 * cut at maxCommits: the window may reach past its end, and must be read on its own.
 */
export function historyFromLog(reading: LogReading, options: ReadHistoryOptions): HistoryFacts | undefined {
  const started = performance.now();
  if ('unreadable' in reading) return factsOf(reading, options, started);
  if (reading.records.length >= (options.maxCommits ?? 100_000)) return undefined;
  const tip = options.tip ?? reading.branch.hash;
  const records = walkWindow(reading.records, tip, Math.floor(options.since.getTime() / 1000));
  return factsOf({ records, branch: { name: reading.branch.name, hash: tip } }, options, started);
}

function logRequest(options: ReadHistoryOptions) {
  return {
    since: options.since,
    maxCommits: options.maxCommits ?? 100_000,
    ...(options.mainBranch !== undefined ? { mainBranch: options.mainBranch } : {}),
    ...(options.tip !== undefined ? { tip: options.tip } : {}),
    ...(options.platformMembers !== undefined ? { platformMembers: options.platformMembers } : {}),
    ...(options.cache !== undefined ? { cache: options.cache } : {}),
  };
}

/** The facts of one reading: every signal unknown when git could not tell, else the judgement. */
function factsOf(reading: LogReading, options: ReadHistoryOptions, started: number): HistoryFacts {
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
  const finish = (unknown?: string): HistoryFacts => {
    if (unknown !== undefined) facts.unknown = HISTORY_SIGNALS.map((signal) => ({ signal, reason: unknown }));
    facts.stats.ms = Math.round(performance.now() - started);
    return facts;
  };
  if ('unreadable' in reading) {
    if (reading.shallow) facts.shallow = true;
    return finish(reading.unreadable);
  }
  const { records, branch } = reading;
  facts.window.branch = branch.name;
  facts.stats.commits = records.length;
  if (records.length >= (options.maxCommits ?? 100_000)) facts.stats.truncated = true;
  const window = `in the last ${days} days`;
  if (records.length === 0) return finish(`no commits ${window} (since ${facts.window.since.slice(0, 10)}): widen history.since`);
  const judged = judgeHistory(records, {
    branch,
    window,
    platformKnown: options.platformMembers !== undefined,
    pullRequestThreshold: options.pullRequestThreshold ?? 0.5,
    ...(options.repository !== undefined ? { repository: options.repository } : {}),
  });
  Object.assign(facts, { detections: judged.detections, unknown: judged.unknown, absent: judged.absent, deployChangers: judged.deployChangers, mainChanges: judged.mainChanges });
  if (judged.developerChangers !== undefined) facts.developerChangers = judged.developerChangers;
  facts.stats.authors = judged.authors;
  return finish();
}
