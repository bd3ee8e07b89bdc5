import type { Limits } from '../core/limits.js';
import type { ScanWarning } from '../core/types.js';
import type { Detector } from '../detectors/detector.js';
import { listTree, type TreeFile } from '../sources/git/tree-at.js';
import { applyTreeDiff, treeChanges, type TreeChanges, type TreeDelta } from '../sources/git/tree-diff.js';
import { ReusingTreeRepository } from './reusing-tree-repository.js';

/** The tree a repository was last listed at, kept for the next point. */
export interface ListedTree {
  tree: string;
  files: readonly TreeFile[];
  /** Every file was listed (no --max-files cut): the next listing may be this one and what changed. */
  complete: boolean;
}

export interface PointListing {
  files: TreeFile[];
  warnings: ScanWarning[];
  /** What changed since the last tree listed, when this listing was made from it. */
  delta?: TreeDelta;
  /** The files whose blob is new at this point (all of them for a listing made whole). */
  fresh: readonly TreeFile[];
}

/**
 * The files of a point's tree: the last point's listing and what `git diff-tree` says changed, or
 * the whole tree (`git ls-tree`) at the first point, after a cut listing, or when much changed.
 */
export function listPoint(root: string, tree: string, limits: Limits, last: ListedTree | undefined, known?: TreeChanges): PointListing {
  if (last !== undefined && last.complete) {
    try {
      const diffed = applyTreeDiff(root, last.tree, last.files, tree, limits.maxFiles, known);
      if (diffed !== undefined) return { files: diffed.files, warnings: [], delta: diffed.delta, fresh: diffed.fresh };
    } catch {
      // git refused the diff (a tree it cannot read): listed whole below, which says why if it fails too.
    }
  }
  const { files, warnings } = listTree(root, tree, limits.maxFiles);
  return { files, warnings, fresh: files };
}

/**
 * The changes from `base` to each of the trees to come, one to the next, read at once (two git
 * processes in all rather than two per point); undefined when git refuses (each point then asks).
 */
export function upcomingChanges(root: string, base: ListedTree, upcoming: readonly (string | undefined)[]): TreeChanges | undefined {
  const pairs: [string, string][] = [];
  let from = base.tree;
  for (const tree of upcoming) {
    if (tree === undefined || tree === from) continue;
    pairs.push([from, tree]);
    from = tree;
  }
  if (pairs.length < 2) return undefined;
  try {
    return treeChanges(root, pairs, base.files.length / 4 + 64);
  } catch {
    return undefined;
  }
}

/**
 * The detectors of a timeline, each answering from the last point when what it read did not
 * change (ReusingTreeRepository.detectOnce); the same detectors as `scan`, the same order.
 */
export async function reusingDetectors(detectors: readonly Detector[] | 'all'): Promise<Detector[]> {
  const chosen = detectors === 'all' ? (await import('../detectors/registry.js')).DETECTORS : detectors;
  return chosen.map((detector) => ({
    ...detector,
    detect: (repo) => (repo instanceof ReusingTreeRepository ? repo.detectOnce(detector, () => detector.detect(repo)) : detector.detect(repo)),
  }));
}
