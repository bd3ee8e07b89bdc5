import type { Limits } from '../core/limits.js';
import type { Detection } from '../core/types.js';
import type { Detector } from '../detectors/detector.js';
import type { ListResult } from '../sources/repository/list-files.js';
import { DEPENDENCY_FILE } from '../facts/dependencies.js';
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
  return scanRepositoryObject(repo, detectors);
}

/** Detectors and the repository's kind, for a repository already listed (a work tree, or a past commit's tree). */
export async function scanRepositoryObject(repo: Repository, detectors: readonly Detector[] | 'all'): Promise<CachedScan> {
  const detections = runDetectors(repo, detectors === 'all' ? (await import('../detectors/registry.js')).DETECTORS : detectors);
  return { kind: kindOf(repo, detections), detections, warnings: repo.warnings, files: repo.files.length };
}

/** Signals that mean "this repository ships a service" rather than "this repository runs the platform". */
const SERVICE_SIGNALS = new Set(['docker', 'podman', 'buildah', 'kaniko', 'image-pipeline', 'skaffold', 'devspace', 'tilt']);
const SOURCE_CODE = /\.(go|py|java|kt|scala|js|mjs|ts|tsx|cs|fs|rb|rs|php|ex|exs|clj|swift|cpp|cc|c)$/i;

/**
 * A service repository builds something that runs (a container, or application code); a
 * platform-only repository holds infrastructure code and platform charts. Service-scope
 * capabilities are judged on services only.
 */
function kindOf(repo: Repository, detections: Detection[]): 'service' | 'platform' {
  if (detections.some((d) => SERVICE_SIGNALS.has(d.id) && d.evidence.length > 0)) return 'service';
  const code = repo.files.filter((f) => SOURCE_CODE.test(f.path) && !/(^|\/)(scripts?|hack|tools|test|tests|docs|examples?)\//.test(f.path)).length;
  const manifests = repo.files.some((f) => DEPENDENCY_FILE.test(f.path) && !/(^|\/)(scripts?|hack|tools|docs)\//.test(f.path));
  return code >= 3 || (manifests && code > 0) ? 'service' : 'platform';
}
