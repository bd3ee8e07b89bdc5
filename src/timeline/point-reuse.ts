import type { ScanWarning } from '../core/types.js';
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
  /** Detector results reused and computed, in all (for tests and stats). */
  readonly counts = { reused: 0, computed: 0 };

  get point(): number {
    return this.generation;
  }

  /**
   * A new point, with what changed since the last one; without a delta (the first point, or a tree
   * listed whole) nothing of the last one is reused.
   */
  next(delta: TreeDelta | undefined): void {
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
