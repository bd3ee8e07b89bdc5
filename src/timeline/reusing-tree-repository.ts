import type { Limits } from '../core/limits.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import type { Detector, DetectorResult } from '../detectors/detector.js';
import type { TreeFile } from '../sources/git/tree-at.js';
import type { RepoFile } from '../sources/repository/listing.js';
import type { MemoKey } from '../workspace/memo-key.js';
import type { YamlDocument } from '../parse/yaml.js';
import type { HclFile } from '../parse/hcl.js';
import type { DockerfileInfo } from '../parse/dockerfile.js';
import { Repository } from '../workspace/repository.js';
import { BlobStore, GitTreeRepository } from './git-tree-repository.js';
import { Reads, type PointReuse } from './point-reuse.js';

/** Where a kept warning named the commit it was given at. */
const COMMIT = '\u0000commit\u0000';

/**
 * A point of a timeline that reuses the last point's detector results where they still hold
 * (point-reuse.ts): it notes what each detector and each shared fact reads while it runs, and
 * answers a detector from the last point when nothing it read (itself or through the facts it
 * used) changed since. Detectors
 * and facts are the same code as `scan` runs; only what they read is watched.
 */
export class ReusingTreeRepository extends GitTreeRepository {
  /** The computations running, innermost last: what is read is noted in the innermost. */
  private readonly running: Reads[] = [];
  private readonly here = new Map<object, Map<string | undefined, { value: unknown; reads: Reads }>>();
  private readonly matched = new Map<string, RepoFile[]>();
  private readonly replayed = new Set<Reads>();

  constructor(
    root: string,
    name: string,
    files: readonly TreeFile[],
    limits: Limits,
    store: BlobStore,
    commit: string,
    settings: DetectorSettings,
    private readonly reuse: PointReuse,
    /** Detector results reused and computed, counted for the repository (the PointReuse may serve several). */
    private readonly counts: { reused: number; computed: number },
  ) {
    super(root, name, files, limits, store, commit, settings);
    // Going through the whole listing makes a computation depend on every path in it.
    const all = this.files;
    Object.defineProperty(this, 'files', {
      get: () => {
        const reads = this.running.at(-1);
        if (reads !== undefined) reads.listing = true;
        return all;
      },
    });
  }

  /** The detector's result: the last point's when what it read is unchanged, else computed now (and kept for the next point). */
  detectOnce(detector: Detector, run: () => DetectorResult): DetectorResult {
    const kept = this.reuse.detectors.get(detector);
    if (kept !== undefined && this.reuse.holds(kept.reads)) {
      this.counts.reused++;
      this.replay(kept.reads);
      if (kept.threw) throw kept.value;
      return kept.value as DetectorResult;
    }
    this.counts.computed++;
    const reads = new Reads();
    reads.holdsAt = this.reuse.point;
    this.running.push(reads);
    try {
      const value = run();
      this.reuse.detectors.set(detector, { value, reads });
      return value;
    } catch (error) {
      this.reuse.detectors.set(detector, { value: error, threw: true, reads });
      throw error;
    } finally {
      this.running.pop();
    }
  }

  /**
   * A shared fact, once per point, noting what computing it read: a detector that uses it depends
   * on that too. Facts are not carried to the next point themselves: a fact may be computed from
   * data its first caller passed in (the distinct values of another fact), which its own reads do
   * not show; a detector's reads, the facts it used included, show all it depends on.
   */
  override memo<T>(key: MemoKey<T>, compute: () => T, part?: string): T {
    let parts = this.here.get(key);
    const known = parts?.get(part);
    if (known !== undefined) {
      this.running.at(-1)?.uses.push(known.reads);
      return known.value as T;
    }
    const reads = new Reads();
    reads.holdsAt = this.reuse.point;
    this.running.push(reads);
    let value: T;
    try {
      value = compute();
    } finally {
      this.running.pop();
      // What it read, even before it threw, was read for whoever asked for it.
      this.running.at(-1)?.uses.push(reads);
    }
    if (parts === undefined) this.here.set(key, (parts = new Map()));
    parts.set(part, { value, reads });
    return value;
  }

  override filesMatching(pattern: RegExp): RepoFile[] {
    const key = `${pattern.source}:${pattern.flags}`;
    this.running.at(-1)?.patterns.set(key, pattern);
    let files = this.matched.get(key);
    if (files === undefined) {
      files = this.reuse.matching(key, pattern, () => this.blobOf.values(), (path) => this.blobOf.get(path));
      this.matched.set(key, files);
    }
    return files;
  }

  override has(path: string): boolean {
    this.running.at(-1)?.paths.add(path);
    return super.has(path);
  }

  override text(path: string): string | undefined {
    this.running.at(-1)?.paths.add(path);
    return super.text(path);
  }

  override yaml(path: string): YamlDocument[] {
    this.running.at(-1)?.paths.add(path);
    return super.yaml(path);
  }

  override json(path: string): unknown {
    this.running.at(-1)?.paths.add(path);
    return super.json(path);
  }

  override hcl(path: string): HclFile | undefined {
    this.running.at(-1)?.paths.add(path);
    return super.hcl(path);
  }

  override dockerfile(path: string): DockerfileInfo | undefined {
    this.running.at(-1)?.paths.add(path);
    return super.dockerfile(path);
  }

  override warn(file: string, message: string): void {
    // A warning naming this point's commit names the commit of the point it is given again at.
    this.running.at(-1)?.warnings.push({ file, message: this.commit === '' ? message : message.split(this.commit.slice(0, 12)).join(COMMIT) });
    super.warn(file, message);
  }

  /** The warnings a reused result gave when it was computed, given again at this point (once). */
  private replay(reads: Reads): void {
    if (this.replayed.has(reads)) return;
    this.replayed.add(reads);
    for (const { file, message } of reads.warnings) Repository.prototype.warn.call(this, file, message.split(COMMIT).join(this.commit.slice(0, 12)));
    for (const used of reads.uses) this.replay(used);
  }
}
