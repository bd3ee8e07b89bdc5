import type { ScanWarning } from '../core/types.js';
import type { Assessment } from '../model/types.js';
import { scanOrganization, type OrganizationScanOptions, type PastPointScanner } from '../scan/organization.js';
import { MAX_BRANCH_COMMITS } from '../sources/git/tree-at.js';
import { milestonesOf, type Milestone } from './milestones.js';
import { TimelinePool } from './timeline-pool.js';
import type { ReuseStats } from './repository-points.js';

export interface TimelineOptions extends Omit<OrganizationScanOptions, 'pastPoint' | 'now' | 'cache' | 'clusters'> {
  /** The dates to assess, oldest first (points.ts). */
  points: readonly Date[];
  /** The main branch when the configuration does not name one. */
  mainBranch?: string;
  /** First-parent commits of a main branch read at most (default 200,000); points before the oldest read are not assessed. */
  maxCommits?: number;
  /** The compiled worker module (tests point it at dist/); see TimelinePool. */
  workerUrl?: URL;
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
  /** What every repository's points read and reused, summed (not part of the JSON report). */
  stats: ReuseStats;
}

/**
 * The assessment at each past point: every repository at the last commit of its main branch on
 * or before that date, read from git objects (the work tree is never touched), through the same
 * detectors, model and configuration as `scan`. Results are reused by tree id, and files by blob
 * id, so cost grows with what changed rather than with points × files.
 */
export async function runTimeline(options: TimelineOptions): Promise<Timeline> {
  const warnings: ScanWarning[] = [];
  const warned = new Set<string>();
  const warnOnce = (file: string, message: string): void => {
    if (warned.has(`${file}\0${message}`)) return;
    warned.add(`${file}\0${message}`);
    warnings.push({ file, message });
  };
  // Every point of a repository is read in one go, on a worker thread when that pays, before its
  // results are taken point by point. What repositories share by content (a blob, a commit) is read
  // once per thread (repository-points.ts), within a budget, so fifty unrelated 10,000-file
  // repositories do not all stay in memory.
  let pool: TimelinePool | undefined;
  const taken = new Set<number>();
  let started = 0;
  const points: TimelinePoint[] = [];
  const stats: ReuseStats = { blobsRead: 0, blobsParsed: 0, reused: 0, computed: 0 };
  try {
    for (const [index, at] of options.points.entries()) {
      const commits: Record<string, string> = {};
      const pastPoint: PastPointScanner = (planned, history, { limits, signalFiles, settings }) => {
        pool ??= new TimelinePool(
          planned.map(({ root, path }) => ({
            root,
            path,
            points: options.points,
            mainBranch: history?.mainBranch ?? options.mainBranch,
            maxCommits: options.maxCommits ?? MAX_BRANCH_COMMITS,
            limits,
            ...(signalFiles ? { signalFiles } : {}),
            settings,
            ...(history ? { history: { request: history, ...(options.since !== undefined ? { since: options.since } : {}) } } : {}),
          })),
          {
            ...(options.workers !== undefined ? { workers: options.workers } : {}),
            ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
            onStart: (i) => options.onProgress?.(`timeline: ${++started}/${planned.length} repositories · ${planned[i]!.path}`),
          },
        );
        const all = pool;
        return {
          result: async (i) => {
            const { scans, warnings: own, stats: read } = await all.result(i);
            // A repository's warnings join the timeline's in plan order, once, whichever thread read it.
            if (!taken.has(i)) {
              taken.add(i);
              for (const w of own) warnOnce(w.file, w.message);
              for (const key of Object.keys(stats) as (keyof ReuseStats)[]) stats[key] += read[key];
            }
            const scanned = scans[index];
            if (scanned === undefined) return undefined;
            commits[planned[i]!.path] = scanned.commit;
            return scanned.result;
          },
          close: async () => undefined,
        };
      };
      const assessment = await scanOrganization({ ...options, now: at, pastPoint, cache: false });
      points.push({ at: at.toISOString(), assessment, commits });
    }
  } finally {
    await (pool as TimelinePool | undefined)?.close();
  }
  const organization = points.at(-1)?.assessment.organization ?? 'organization';
  return { schemaVersion: 1, organization, points, milestones: milestonesOf(points), warnings, stats };
}

