import type { Limits } from '../core/limits.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import type { Detector } from '../detectors/detector.js';
import type { ListResult } from '../sources/repository/list-files.js';
import { kindOf } from './repository-kind.js';
import type { CachedScan } from '../cache/scan-cache.js';
import { Repository } from '../workspace/repository.js';
import type { Prefetch } from '../workspace/prefetch.js';
import { runDetectors } from './run-detectors.js';

/**
 * The heavy half of a repository scan (parsers, facts, detectors), loaded only when a repository
 * really has to be read: a rescan answered from the cache never imports it.
 */
export async function scanListed(
  root: string,
  path: string,
  listing: ListResult,
  detectors: readonly Detector[] | 'all',
  limits: Limits,
  onFilesRead?: (count: number) => void,
  prefetch?: Prefetch,
  settings?: DetectorSettings,
): Promise<CachedScan> {
  const repo = new Repository(root, path, listing.files, limits, onFilesRead, prefetch, settings);
  repo.warnings.push(...listing.warnings);
  return scanRepositoryObject(repo, detectors);
}

/** Detectors and the repository's kind, for a repository already listed (a work tree, or a past commit's tree). */
export async function scanRepositoryObject(repo: Repository, detectors: readonly Detector[] | 'all'): Promise<CachedScan> {
  const chosen = detectors === 'all' ? (await import('../detectors/registry.js')).DETECTORS : detectors;
  const detections = runDetectors(repo, chosen);
  const { kind, reason } = kindOf(repo.files, detections, serviceSignals(chosen));
  return { kind, kindReason: reason, detections, warnings: repo.warnings, files: repo.files.length };
}

/** Signals that mean "this repository ships a service" (`service: true` in their definitions), once per detector set. */
const serviceSets = new WeakMap<readonly Detector[], ReadonlySet<string>>();
function serviceSignals(detectors: readonly Detector[]): ReadonlySet<string> {
  let set = serviceSets.get(detectors);
  if (set === undefined) serviceSets.set(detectors, (set = new Set(detectors.filter((d) => d.service).map((d) => d.id))));
  return set;
}
