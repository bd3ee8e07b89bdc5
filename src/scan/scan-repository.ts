import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Limits } from '../core/limits.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import type { Detector } from '../detectors/detector.js';
import type { RepositoryInput } from '../model/assess.js';
import { listFilesAsync, type ListingSnapshot } from '../sources/repository/list-files.js';
import type { ScanCache } from '../cache/scan-cache.js';
import type { Prefetch } from '../workspace/prefetch.js';

/** A path the user gave that cannot be scanned at all (exit 2), as opposed to a bad file inside it (a warning). */
export class ScanInputError extends Error {
  override name = 'ScanInputError';
}

/** The absolute folder of a repository path, `path` resolved from `cwd`; messages name it as it was given. */
export function checkRepositoryPath(path: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path);
  let stats;
  try {
    stats = statSync(absolute);
  } catch {
    throw new ScanInputError(`${path}: no such file or directory`);
  }
  if (!stats.isDirectory()) throw new ScanInputError(`${path}: not a directory (give the folder of a repository)`);
  return absolute;
}

export interface ScannedRepository extends RepositoryInput {
  files: number;
  root: string;
  /** The commit HEAD was at, when the listing read it (ListResult.commit); never cached with the result. */
  commit?: string;
}

export interface ScanRepositoryOptions {
  /** Reuse the result of an earlier scan of the same content (and store this one). */
  cache?: ScanCache;
  /** Called as files are read, every few hundred files, with the number read so far. */
  onFilesRead?: (count: number) => void;
  /**
   * A core is free while git lists the files (one repository scanned on a machine with two cores
   * or more): git compares files with its index, and YAML files are read ahead meanwhile. Off when
   * every core already scans a repository (organizations on worker threads): it would only add work.
   */
  spareCore?: boolean;
  /**
   * Keep the listing only once a rescan finds the content unchanged, not on the first scan. The
   * walk of every folder that a kept listing needs costs tens of milliseconds on a large tree: a
   * person waiting on one repository should not pay for it on a first scan, nor on every scan of a
   * tree they are editing. An organization scanned on worker threads keeps it at once, so that its
   * next nightly run is a rescan without git.
   */
  listingOnceUnchanged?: boolean;
  /** What the configuration tells detectors; the cache's fingerprint must cover it (toolFingerprint). */
  settings?: DetectorSettings;
}

/**
 * Lists, reads and runs every detector on one repository; bad files become warnings. `'all'` is
 * every registered detector. This module stays light: listing and the cache lookup need no parser,
 * so the detectors are imported only for a repository that has to be read.
 */
export async function scanRepository(path: string, detectors: readonly Detector[] | 'all', limits: Limits, options: ScanRepositoryOptions = {}): Promise<ScannedRepository> {
  const root = checkRepositoryPath(path);
  const cache = options.cache;
  // With a cache, an unchanged work tree is listed from the stored listing, without git. When git
  // has to list it, the tree has changed and will most likely be read: parsers and detectors load,
  // and YAML files of git's index are read and parsed, while git runs (prefetch.ts). A rescan
  // answered from the cache loads none of it.
  let prefetch: Prefetch | undefined;
  let heavy: Promise<typeof import('./scan-listed.js')> | undefined;
  // The listing git gives is kept (with a walk of every folder) so that the next rescan needs no
  // git; with listingOnceUnchanged, only once the cache already knows the content (see the option).
  let takeSnapshot: (() => ListingSnapshot | undefined) | undefined;
  const keep = (take: () => ListingSnapshot | undefined): void => {
    const snapshot = take();
    if (snapshot !== undefined) cache!.setListing(root, snapshot);
  };
  const listing = await listFilesAsync(root, limits, {
    ...(cache ? { store: { get: () => cache.getListing(root), offer: (take) => (options.listingOnceUnchanged ? (takeSnapshot = take) : keep(take)) } } : {}),
    spareCore: options.spareCore === true,
    whileGitRuns: async (gitDone) => {
      heavy = import('./scan-listed.js');
      heavy.catch(() => undefined); // awaited below when needed; never an unhandled rejection
      if (options.spareCore !== true) return;
      prefetch = new (await import('../workspace/prefetch.js')).Prefetch(root, limits);
      await prefetch.run(gitDone);
    },
  });
  // The detector set is part of the key: a scan with some detectors must not answer for all of them.
  const contentKey = cache ? `${listing.contentKey}:${detectorSetKey(detectors)}` : '';
  const cached = cache?.get(root, contentKey);
  if (cached) {
    if (takeSnapshot !== undefined) keep(takeSnapshot);
    return { path, root, ...cached, ...commitOf(listing) };
  }
  // Not kept: the listing's identities (one per file) need not stay alive through the scan.
  takeSnapshot = undefined;
  const { scanListed } = await (heavy ?? import('./scan-listed.js'));
  const result = await scanListed(root, path, listing, detectors, limits, options.onFilesRead, prefetch, options.settings);
  cache?.set(root, contentKey, result);
  return { path, root, ...result, ...commitOf(listing) };
}

function commitOf(listing: { commit?: string }): { commit?: string } {
  return listing.commit !== undefined ? { commit: listing.commit } : {};
}

const detectorSetKeys = new WeakMap<readonly Detector[], string>();
/** 'all' stands for the registry, which the code fingerprint of the cache already covers. */
function detectorSetKey(detectors: readonly Detector[] | 'all'): string {
  if (detectors === 'all') return 'all';
  let key = detectorSetKeys.get(detectors);
  if (key === undefined) {
    key = createHash('sha256').update(detectors.map((d) => `${d.id}${d.fingerprint ?? ''}`).join('\0')).digest('hex').slice(0, 16);
    detectorSetKeys.set(detectors, key);
  }
  return key;
}
