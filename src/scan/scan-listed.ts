import type { Limits } from '../core/limits.js';
import type { Detector } from '../detectors/detector.js';
import type { ListResult } from '../sources/repository/list-files.js';
import { kindOf } from './repository-kind.js';
import type { CachedScan } from '../cache/scan-cache.js';
import { Repository } from './repository.js';
import type { Prefetch } from './prefetch.js';
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
): Promise<CachedScan> {
  const repo = new Repository(root, path, listing.files, limits, onFilesRead, prefetch);
  repo.warnings.push(...listing.warnings);
  const detections = runDetectors(repo, detectors === 'all' ? (await import('../detectors/registry.js')).DETECTORS : detectors);
  const { kind, reason } = kindOf(repo.files, detections);
  return { kind, kindReason: reason, detections, warnings: repo.warnings, files: listing.files.length };
}
