import type { Limits } from '../core/limits.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import type { SignalFile } from '../signals/schema.js';
import { detectorsFor } from '../scan/detectors-for.js';
import type { ScanWarning } from '../core/types.js';
import type { CachedScan } from '../cache/scan-cache.js';
import type { Detector } from '../detectors/detector.js';
import type { HistoryRequest, ScannedWithHistory } from '../scan/worker-messages.js';
import { parseSince, platformMembers } from '../config/repositories.js';
import { HISTORY_SIGNALS, historyFromLog, readHistoryAsync, readLogOnce, type HistoryFacts, type ReadHistoryOptions } from '../history/index.js';
import type { LogReading } from '../history/read-log.js';
import { branchCommits, commitAt, findMainBranch, type BranchCommit, type TreeFile } from '../sources/git/tree-at.js';
import { gitSync } from '../sources/git/safe-git.js';
import { BlobStore } from './git-tree-repository.js';
import { PointReuse } from './point-reuse.js';
import { listPoint, reusingDetectors, upcomingChanges, type ListedTree } from './point-tree.js';
import type { TreeChanges } from '../sources/git/tree-diff.js';
import { ReusingTreeRepository } from './reusing-tree-repository.js';
import { BlobContents } from './blob-contents.js';

/**
 * Every point of one repository: its main branch, the commit at each point, the scan of each
 * commit's tree and the history window that ends there. Data in, data out, so that it runs on a
 * worker thread as well as on the main one (timeline-worker.ts).
 */

/** One repository's part of a timeline (data only: it crosses to worker threads). */
export interface RepositoryPointsJob {
  root: string;
  /** As shown in reports. */
  path: string;
  /** The points, oldest first. */
  points: readonly Date[];
  mainBranch: string | undefined;
  maxCommits: number;
  limits: Limits;
  /** The configuration's own signals, added to the registry's detectors as `scan` adds them. */
  signalFiles?: readonly SignalFile[];
  /** What the configuration tells detectors (its own end-of-life table). */
  settings?: DetectorSettings;
  /** History is read: the request of the organization scan, and --since; each point gets the window that ends there. */
  history?: { request: HistoryRequest; since?: string };
}

export interface PointScan {
  commit: string;
  result: ScannedWithHistory;
}

export interface RepositoryPoints {
  /** Per point, oldest first; undefined where the repository did not exist yet (or cannot be assessed). */
  scans: (PointScan | undefined)[];
  /** What could not be read (once each): a shallow clone, no main branch… */
  warnings: ScanWarning[];
  stats: ReuseStats;
}

/** What the points of a repository read and what they reused (for tests, and to see the reuse work). */
export interface ReuseStats {
  /** Blobs read from git, and parses made (a blob parsed as YAML and as JSON counts twice). */
  blobsRead: number;
  blobsParsed: number;
  /** Detector results taken from the last point, and computed. */
  reused: number;
  computed: number;
}

/**
 * What the repositories of a timeline share, by content: texts and parses by blob id, and scans by
 * commit id. Forks and clones of one another (or one repository listed twice under two names)
 * share most of their past, which is then read once.
 */
export interface SharedContent {
  contents: BlobContents;
  byCommit: Map<string, CachedScan>;
  /**
   * The listings of the trees listed lately, by tree id: a repository whose last point was another's
   * commit (a clone's shared past) lists its next tree from that one and what changed.
   */
  listings: Map<string, ListedTree>;
  /** The detector results of the last point scanned on this thread, whichever repository it was (point-reuse.ts). */
  reuse: PointReuse;
}

/** Listings kept by tree id (each a list of the tree's files, mostly shared with the others). */
const LISTINGS_KEPT = 16;

export function sharedContent(): SharedContent {
  return { contents: new BlobContents(), byCommit: new Map(), listings: new Map(), reuse: new PointReuse() };
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
  /** The tree of its last point, listed here or by another repository: the next one is listed from it. */
  lastTree?: string;
  /** Detector results reused and computed for it. */
  counts: { reused: number; computed: number };
  /** The changes between the trees of its points to come, read at once (upcomingChanges). */
  changes?: TreeChanges;
  /** The log every point's history window is judged from, read once (readLogOnce); absent without history. */
  log?: Promise<LogReading>;
}

/** One repository at every point, oldest first. */
export async function scanEveryPoint(job: RepositoryPointsJob, shared: SharedContent): Promise<RepositoryPoints> {
  const { root, path, points: dates, limits } = job;
  const warnings: ScanWarning[] = [];
  const warn = (file: string, message: string): void => {
    if (!warnings.some((w) => w.file === file && w.message === message)) warnings.push({ file, message });
  };
  const history = job.history;
  const windowOf = history
    ? (point: Date): HistoryRequest => ({ ...history.request, since: parseSince(history.since ?? history.request.config.history.since, point), now: point })
    : undefined;
  const repository = openRepository(root, path, job.mainBranch, limits, warn, job.maxCommits, shared.contents);
  if (windowOf !== undefined) repository.log = readLogOfEveryPoint(root, path, repository, dates, windowOf);
  const scans: (PointScan | undefined)[] = [];
  const detectors = await reusingDetectors(await detectorsFor(job.signalFiles));
  const settings = job.settings ?? {};
  const trees = dates.map((at) => commitAt(repository.commits, at)?.tree);
  for (const [index, at] of dates.entries()) {
    scans.push(await scanAt(repository, shared, { root, path, limits, detectors, settings, upcoming: trees.slice(index) }, at, warn, windowOf?.(at)));
  }
  const { reused, computed } = repository.counts;
  return { scans, warnings, stats: { blobsRead: repository.blobs.blobsRead, blobsParsed: repository.blobs.blobsParsed, reused, computed } };
}

/**
 * One `git log` for the history of every point, started at once in its own process: from the
 * newest point's commit back to the oldest window's start. A later point's commit reaches every
 * earlier one (commitAt walks the first-parent chain newest first), so each window is in it.
 */
function readLogOfEveryPoint(
  root: string,
  path: string,
  repository: RepositoryHistory,
  dates: readonly Date[],
  windowOf: (point: Date) => HistoryRequest,
): Promise<LogReading> | undefined {
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

function openRepository(
  root: string,
  path: string,
  configured: string | undefined,
  limits: Limits,
  warn: (file: string, message: string) => void,
  maxCommits: number,
  contents: BlobContents,
): RepositoryHistory {
  const blobs = new BlobStore(root, limits, contents);
  const repository: RepositoryHistory = { commits: [], shallow: false, truncated: false, blobs, byTree: new Map(), counts: { reused: 0, computed: 0 } };
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

/** What every point of one repository is scanned with. */
interface PointSetup {
  root: string;
  path: string;
  limits: Limits;
  detectors: readonly Detector[];
  settings: DetectorSettings;
  /** The trees of this point and the later ones (undefined before the first commit). */
  upcoming: readonly (string | undefined)[];
}

async function scanAt(
  repository: RepositoryHistory,
  shared: SharedContent,
  { root, path, limits, detectors, settings, upcoming }: PointSetup,
  at: Date,
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
      const before = new Date(oldest.time * 1000).toISOString().slice(0, 10);
      const count = repository.commits.length;
      warn(path, `more than ${count} commits on ${repository.branch}: points before ${before} (commit ${oldest.commit.slice(0, 12)}) cannot be assessed`);
    }
    return undefined;
  }
  // The history window that ends at this point, read back from its commit: its `git log` runs in its own process meanwhile.
  const history =
    historyRequest && repository.branch !== undefined ? historyAt(root, path, repository.branch, commit.commit, historyRequest, repository.log) : undefined;
  // The same commit in another repository of the organization (a fork, a clone) is the same files:
  // its scan holds here too, warnings naming the commit included.
  let scan = shared.byCommit.get(commit.commit) ?? repository.byTree.get(commit.tree);
  if (scan === undefined) {
    const { scanRepositoryObject } = await import('../scan/scan-listed.js');
    // From here to the detectors' end nothing is awaited: the thread's PointReuse serves one point at a time.
    const base = repository.lastTree !== undefined ? shared.listings.get(repository.lastTree) : undefined;
    if (base !== undefined && repository.changes === undefined) {
      repository.changes = upcomingChanges(root, base, upcoming);
      if (repository.changes !== undefined) repository.blobs.readAhead(newBlobs(repository.changes));
    }
    const { files, warnings, delta, fresh } = listPoint(root, commit.tree, limits, base, repository.changes);
    keepListing(shared, { tree: commit.tree, files, complete: warnings.length === 0 });
    repository.blobs.register(fresh);
    shared.reuse.next(commit.tree, files, delta && base ? { tree: base.tree, delta } : undefined);
    const repo = new ReusingTreeRepository(root, path, files, limits, repository.blobs, commit.commit, settings, shared.reuse, repository.counts);
    repo.warnings.push(...warnings.map((w) => ({ ...w, message: `commit ${commit.commit.slice(0, 12)}: ${w.message}` })));
    scan = await scanRepositoryObject(repo, detectors);
  }
  repository.byTree.set(commit.tree, scan);
  repository.lastTree = commit.tree;
  shared.byCommit.set(commit.commit, scan);
  return { commit: commit.commit, result: { path, root, ...scan, ...(history ? { history: await history } : {}) } };
}

/** The blobs that the changes bring, as files (a path each blob is found at, and its size). */
function newBlobs({ pairs, sizes }: TreeChanges): TreeFile[] {
  const files = new Map<string, TreeFile>();
  for (const changes of pairs.values()) {
    for (const [path, blob] of changes) {
      const size = blob !== undefined ? sizes.get(blob) : undefined;
      if (blob !== undefined && size !== undefined && !files.has(blob)) files.set(blob, { path, blob, size });
    }
  }
  return [...files.values()];
}

function keepListing(shared: SharedContent, listed: ListedTree): void {
  shared.listings.delete(listed.tree);
  shared.listings.set(listed.tree, listed);
  if (shared.listings.size > LISTINGS_KEPT) shared.listings.delete(shared.listings.keys().next().value!);
}

/**
 * History signals as they stood at the point: the window ending there, from the point's commit
 * back, judged from the log read once for every point (or read on its own when that log was cut).
 */
async function historyAt(
  root: string,
  path: string,
  branch: string,
  tip: string,
  request: HistoryRequest,
  log: Promise<LogReading> | undefined,
): Promise<Pick<HistoryFacts, 'detections' | 'unknown' | 'absent'>> {
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
