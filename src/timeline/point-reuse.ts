import type { ScanWarning } from '../core/types.js';
import type { TreeFile } from '../sources/git/tree-at.js';
import type { TreeDelta } from '../sources/git/tree-diff.js';

/**
 * What one computation of a point (a detector, or a fact several detectors share through
 * Repository.memo) read of the point's tree: the files it read or asked about, the patterns it
 * listed files by, whether it went through the whole listing, the shared facts it used, and the
 * warnings it gave. At the next point it still holds, and its result is reused as it is, when
 * none of that changed: no file it read has another blob, and no file it could have listed was
 * added or removed. That is what makes a point cost what changed since the last one rather than
 * a whole scan: a detector of Dockerfiles is not run again because Terraform files changed.
 */
export class Reads {
  readonly paths = new Set<string>();
  readonly patterns = new Map<string, RegExp>();
  listing = false;
  readonly uses: Reads[] = [];
  readonly warnings: ScanWarning[] = [];
  /** The last point (generation of PointReuse) it is known to hold at. */
  holdsAt = -1;
  /** The last point it was found not to hold at. */
  brokenAt = -1;
}

/** A result kept for the next point, with what it was computed from. */
export interface Kept {
  value: unknown;
  /** The result was an error (a detector that threw): thrown again when reused. */
  threw?: true;
  reads: Reads;
}

/**
 * The results of one repository's last point, kept for the next: detectors' results by detector,
 * each with its Reads (the facts it used included). A point is a generation; what did
 * not hold at the last generation is never reused (its reads were not checked against the changes
 * in between).
 */
export class PointReuse {
  private generation = 0;
  private delta: TreeDelta | undefined;
  private deltaPaths: string[] = [];
  private listingChanged = false;
  readonly detectors = new Map<object, Kept>();
  private readonly matches = new Map<string, { point: number; files: unknown[] }>();
  /** The tree of the last point and its files: the next point's changes are counted from it. */
  private last: { tree: string; files: readonly TreeFile[] } | undefined;

  get point(): number {
    return this.generation;
  }

  /**
   * A new point: the tree and its files, and what changed from `base` when the listing was made
   * from it (git diff-tree). The last point may have been another repository's (a clone, a fork, on
   * the same thread): its changes are then counted here, by blob. When nothing is known of the
   * changes, or they are too many to pay, nothing of the last point is reused.
   */
  next(tree: string, files: readonly TreeFile[], base?: { tree: string; delta: TreeDelta }): void {
    const delta = this.last === undefined ? undefined : base?.tree === this.last.tree ? base.delta : changesBetween(this.last.files, files);
    this.last = { tree, files };
    this.generation++;
    this.delta = delta;
    this.deltaPaths = delta ? [...delta.changed, ...delta.added, ...delta.removed] : [];
    this.listingChanged = delta !== undefined && (delta.added.length > 0 || delta.removed.length > 0);
    if (delta === undefined) {
      this.detectors.clear();
    }
  }

  /** Whether what `reads` read is unchanged at this point (checked once per point, shared facts included). */
  holds(reads: Reads): boolean {
    if (reads.holdsAt === this.generation) return true;
    if (reads.brokenAt === this.generation || reads.holdsAt !== this.generation - 1 || this.delta === undefined) return false;
    const ok = this.unchanged(reads) && reads.uses.every((used) => this.holds(used));
    if (ok) reads.holdsAt = this.generation;
    else reads.brokenAt = this.generation;
    return ok;
  }

  private unchanged(reads: Reads): boolean {
    if (reads.listing && this.listingChanged) return false;
    for (const path of this.deltaPaths) if (reads.paths.has(path)) return false;
    for (const pattern of reads.patterns.values()) if (this.addsOrRemoves(pattern)) return false;
    return true;
  }

  /**
   * The files a pattern lists at this point: the last point's list (with this point's file of
   * each path) when no file it matches was added or removed, else the whole listing filtered.
   */
  matching<F extends { path: string }>(key: string, pattern: RegExp, all: () => Iterable<F>, fileAt: (path: string) => F | undefined): F[] {
    const last = this.matches.get(key) as { point: number; files: F[] } | undefined;
    let files: F[];
    if (last !== undefined && last.point === this.generation - 1 && this.delta !== undefined && !this.addsOrRemoves(pattern)) {
      files = last.files.map((file) => fileAt(file.path) ?? file);
    } else {
      files = [];
      for (const file of all()) if (pattern.test(file.path)) files.push(file);
    }
    this.matches.set(key, { point: this.generation, files });
    return files;
  }

  private addsOrRemoves(pattern: RegExp): boolean {
    if (!this.listingChanged) return false;
    return this.delta!.added.some((path) => pattern.test(path)) || this.delta!.removed.some((path) => pattern.test(path));
  }
}

/** What changed from one listing to another, by path and blob; undefined past a quarter of the files (reusing would not pay). */
function changesBetween(before: readonly TreeFile[], after: readonly TreeFile[]): TreeDelta | undefined {
  const limit = Math.max(before.length, after.length) / 4 + 64;
  const blobOf = new Map<string, string>();
  for (const file of before) blobOf.set(file.path, file.blob);
  const delta: TreeDelta = { changed: [], added: [], removed: [] };
  for (const file of after) {
    const blob = blobOf.get(file.path);
    if (blob === undefined) delta.added.push(file.path);
    else if (blob !== file.blob) delta.changed.push(file.path);
    blobOf.delete(file.path);
    if (delta.added.length + delta.changed.length > limit) return undefined;
  }
  delta.removed.push(...blobOf.keys());
  return delta.added.length + delta.changed.length + delta.removed.length > limit ? undefined : delta;
}
