import { DEFAULT_LIMITS, type Limits } from '../core/limits.js';
import type { ScanWarning } from '../core/types.js';
import type { CachedScan } from '../cache/scan-cache.js';
import type { Assessment } from '../model/types.js';
import { scanOrganization, type OrganizationScanOptions, type PastPointScanner } from '../scan/organization.js';
import type { HistoryRequest, ScannedWithHistory } from '../scan/worker-messages.js';
import { parseSince, platformMembers } from '../config/repositories.js';
import { HISTORY_SIGNALS, historyFromLog, readHistoryAsync, readLogOnce, type HistoryFacts, type ReadHistoryOptions } from '../history/index.js';
import type { LogReading } from '../history/read-log.js';
import { branchCommits, commitAt, MAX_BRANCH_COMMITS, findMainBranch, listTree, type BranchCommit } from '../sources/git/tree-at.js';
import { gitSync } from '../sources/git/safe-git.js';
import { BlobStore, GitTreeRepository } from './git-tree-repository.js';
import { BlobContents } from './blob-contents.js';
import { milestonesOf, type Milestone } from './milestones.js';

export interface TimelineOptions extends Omit<OrganizationScanOptions, 'pastPoint' | 'now' | 'cache' | 'clusters' | 'workers'> {
  /** The dates to assess, oldest first (points.ts). */
  points: readonly Date[];
  /** The main branch when the configuration does not name one. */
  mainBranch?: string;
  /** First-parent commits of a main branch read at most (default 200,000); points before the oldest read are not assessed. */
  maxCommits?: number;
}

export interface TimelinePoint {
  at: string;
  assessment: Assessment;
  /** The commit each repository was read at. */
  commits: Record<string, string>;
}

export interface Timeline {
  schemaVersion: 1;
  organization: string;
  points: TimelinePoint[];
  milestones: Milestone[];
  warnings: ScanWarning[];
}

/** What is kept about one repository across every point: its branch, its blobs, its scans per tree. */
interface RepositoryHistory {
  branch?: string;
  commits: BranchCommit[];
  shallow: boolean;
  /** More commits than were read: the oldest ones are not known. */
  truncated: boolean;
  blobs: BlobStore;
  byTree: Map<string, CachedScan>;
  /** The log every point's history window is judged from, read once (readLogOnce); absent without history. */
  log?: Promise<LogReading>;
}

/**
 * What the repositories of a timeline share, by content: texts and parses by blob id, and scans by
 * commit id. Forks and clones of one another (or one repository listed twice under two names)
 * share most of their past, which is then read once.
 */
interface SharedContent {
  contents: BlobContents;
  byCommit: Map<string, CachedScan>;
}

/**
 * The assessment at each past point: every repository at the last commit of its main branch on
 * or before that date, read from git objects (the work tree is never touched), through the same
 * detectors, model and configuration as `scan`. Results are reused by tree id, and files by blob
 * id, so cost grows with what changed rather than with points × files.
 */
export async function runTimeline(options: TimelineOptions): Promise<Timeline> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const warnings: ScanWarning[] = [];
  const warned = new Set<string>();
  const warnOnce = (file: string, message: string): void => {
    if (warned.has(`${file}\0${message}`)) return;
    warned.add(`${file}\0${message}`);
    warnings.push({ file, message });
  };
  // Repository by repository: every point of one is read before the next one starts. Parsed files
  // are kept by blob id for all of them within a budget (blob-contents.ts), so fifty unrelated
  // 10,000-file repositories do not all stay in memory. Each point's assessment then takes the
  // results it needs.
  const shared: SharedContent = { contents: new BlobContents(), byCommit: new Map() };
  const everyPoint = new Map<string, Promise<(PointScan | undefined)[]>>();
  let done = 0;
  const points: TimelinePoint[] = [];
  for (const [index, at] of options.points.entries()) {
    const commits: Record<string, string> = {};
    const pastPoint: PastPointScanner = (planned, history) => ({
      result: async (i) => {
        const { path, root } = planned[i]!;
        let all = everyPoint.get(root);
        if (all === undefined) {
          options.onProgress?.(`timeline: ${done + 1}/${planned.length} repositories · ${path}`);
          const windowOf = history ? (point: Date): HistoryRequest => ({ ...history, since: parseSince(options.since ?? history.config.history.since, point), now: point }) : undefined;
          all = scanEveryPoint(root, path, options.points, { mainBranch: history?.mainBranch ?? options.mainBranch, maxCommits: options.maxCommits ?? MAX_BRANCH_COMMITS, limits, warn: warnOnce, ...(windowOf ? { windowOf } : {}) }, shared);
          everyPoint.set(root, all);
          await all;
          done++;
        }
        const scanned = (await all)[index];
        if (scanned === undefined) return undefined;
        commits[path] = scanned.commit;
        return scanned.result;
      },
      close: async () => undefined,
    });
    const assessment = await scanOrganization({ ...options, now: at, pastPoint, cache: false });
    points.push({ at: at.toISOString(), assessment, commits });
  }
  const organization = points.at(-1)?.assessment.organization ?? 'organization';
  return { schemaVersion: 1, organization, points, milestones: milestonesOf(points), warnings };
}

interface PointScan {
  commit: string;
  result: ScannedWithHistory;
}

interface EveryPointOptions {
  mainBranch: string | undefined;
  maxCommits: number;
  limits: Limits;
  warn: (file: string, message: string) => void;
  /** The history window that ends at a point; absent when history is not read. */
  windowOf?: (point: Date) => HistoryRequest;
}

/** One repository at every point, oldest first; undefined where it did not exist yet. Its blobs are dropped once done. */
async function scanEveryPoint(root: string, path: string, dates: readonly Date[], options: EveryPointOptions, shared: SharedContent): Promise<(PointScan | undefined)[]> {
  const repository = openRepository(root, path, options.mainBranch, options.limits, options.warn, options.maxCommits, shared.contents);
  if (options.windowOf !== undefined) repository.log = readLogOfEveryPoint(root, path, repository, dates, options.windowOf);
  const scans: (PointScan | undefined)[] = [];
  for (const at of dates) scans.push(await scanAt(repository, shared, root, path, at, options.limits, options.warn, options.windowOf?.(at)));
  return scans;
}

/**
 * One `git log` for the history of every point, started at once in its own process: from the
 * newest point's commit back to the oldest window's start. A later point's commit reaches every
 * earlier one (commitAt walks the first-parent chain newest first), so each window is in it.
 */
function readLogOfEveryPoint(root: string, path: string, repository: RepositoryHistory, dates: readonly Date[], windowOf: (point: Date) => HistoryRequest): Promise<LogReading> | undefined {
  if (repository.branch === undefined) return undefined;
  let newest: string | undefined;
  let since: Date | undefined;
  for (const at of dates) {
    const commit = commitAt(repository.commits, at);
    if (commit === undefined) continue;
    newest = commit.commit;
    const start = windowOf(at).since;
    if (since === undefined || start < since) since = start;
  }
  if (newest === undefined || since === undefined) return undefined;
  const log = readLogOnce(root, { ...historyOptions(path, repository.branch, newest, windowOf(dates.at(-1)!)), since });
  log.catch(() => undefined); // awaited by each point; never an unhandled rejection meanwhile
  return log;
}

function openRepository(root: string, path: string, configured: string | undefined, limits: Limits, warn: (file: string, message: string) => void, maxCommits: number, contents: BlobContents): RepositoryHistory {
  const repository: RepositoryHistory = { commits: [], shallow: false, truncated: false, blobs: new BlobStore(root, limits, contents), byTree: new Map() };
  try {
    const branch = findMainBranch(root, configured);
    if (branch === undefined) {
      warn(path, `no main branch found${configured ? ` (${configured} is not a branch here)` : ' (neither HEAD, main nor master)'}: left out of the timeline`);
      return repository;
    }
    repository.branch = branch;
    repository.commits = branchCommits(root, branch, maxCommits);
    repository.truncated = repository.commits.length >= maxCommits;
    repository.shallow = gitSync(['rev-parse', '--is-shallow-repository'], { cwd: root, timeoutMs: 10_000 }).trim() === 'true';
  } catch (error) {
    warn(path, `git history not read, left out of the timeline: ${firstLine(error)}`);
  }
  return repository;
}

async function scanAt(
  repository: RepositoryHistory,
  shared: SharedContent,
  root: string,
  path: string,
  at: Date,
  limits: Limits,
  warn: (file: string, message: string) => void,
  historyRequest: HistoryRequest | undefined,
): Promise<{ commit: string; result: ScannedWithHistory } | undefined> {
  const commit = commitAt(repository.commits, at);
  if (commit === undefined) {
    // Before its first commit the repository did not exist, unless a shallow clone cut its past off.
    const oldest = repository.commits.at(-1);
    if (repository.shallow && oldest !== undefined) {
      warn(path, `shallow clone: points before ${new Date(oldest.time * 1000).toISOString().slice(0, 10)} cannot be assessed (git fetch --unshallow)`);
    } else if (repository.truncated && oldest !== undefined) {
      warn(path, `more than ${repository.commits.length} commits on ${repository.branch}: points before ${new Date(oldest.time * 1000).toISOString().slice(0, 10)} (commit ${oldest.commit.slice(0, 12)}) cannot be assessed`);
    }
    return undefined;
  }
  // The history window that ends at this point, read back from its commit: its `git log` runs in its own process meanwhile.
  const history = historyRequest && repository.branch !== undefined ? historyAt(root, path, repository.branch, commit.commit, historyRequest, repository.log) : undefined;
  // The same commit in another repository of the organization (a fork, a clone) is the same files:
  // its scan holds here too, warnings naming the commit included.
  let scan = shared.byCommit.get(commit.commit) ?? repository.byTree.get(commit.tree);
  if (scan === undefined) {
    const { files, warnings } = listTree(root, commit.tree, limits.maxFiles);
    repository.blobs.register(files);
    const repo = new GitTreeRepository(root, path, files, limits, repository.blobs, commit.commit);
    repo.warnings.push(...warnings.map((w) => ({ ...w, message: `commit ${commit.commit.slice(0, 12)}: ${w.message}` })));
    const { scanRepositoryObject } = await import('../scan/scan-listed.js');
    scan = await scanRepositoryObject(repo, 'all');
  }
  repository.byTree.set(commit.tree, scan);
  shared.byCommit.set(commit.commit, scan);
  return { commit: commit.commit, result: { path, root, ...scan, ...(history ? { history: await history } : {}) } };
}

/**
 * History signals as they stood at the point: the window ending there, from the point's commit
 * back, judged from the log read once for every point (or read on its own when that log was cut).
 */
async function historyAt(root: string, path: string, branch: string, tip: string, request: HistoryRequest, log: Promise<LogReading> | undefined): Promise<Pick<HistoryFacts, 'detections' | 'unknown' | 'absent'>> {
  const options = historyOptions(path, branch, tip, request);
  try {
    const facts = (log !== undefined ? historyFromLog(await log, options) : undefined) ?? (await readHistoryAsync(root, options));
    return { detections: facts.detections, unknown: facts.unknown, absent: facts.absent };
  } catch (error) {
    // git stopped or refused (a FIFO, a timeout): the files of the point stand, its history is unknown.
    return { detections: [], unknown: HISTORY_SIGNALS.map((signal) => ({ signal, reason: `${firstLine(error)}: history not read` })), absent: [] };
  }
}

function historyOptions(path: string, branch: string, tip: string, request: HistoryRequest): ReadHistoryOptions {
  const members = platformMembers(request.config);
  return { since: request.since, now: request.now, tip, mainBranch: branch, repository: path, ...(members ? { platformMembers: members } : {}) };
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split('\n')[0]!;
}
