import type { Limits } from '../core/limits.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import type { Detector } from '../detectors/detector.js';
import type { ListResult } from '../sources/repository/list-files.js';
import { kindOf, type KindFacts } from './repository-kind.js';
import { reusableCode } from './reusable-code.js';
import { deployedImages } from '../facts/images/images.js';
import { kubernetesInInfrastructure } from '../facts/iac/kubernetes-in-infrastructure.js';
import { imagePushesInInfrastructure } from '../facts/iac/image-pushes-in-infrastructure.js';
import { isRecord } from '../facts/k8s/k8s-objects.js';
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
  const { kind, reason } = kindOf(repo.files, detections, serviceSignals(chosen), kindFacts(repo));
  const kubernetes = kubernetesInInfrastructure(repo);
  const scan: CachedScan = { kind, kindReason: reason, detections, warnings: repo.warnings, files: repo.files.length };
  return kubernetes.length > 0 ? { ...scan, kubernetesInInfrastructure: kubernetes } : scan;
}

/** What the kind rules read from the repository itself: its action's runner, the images it deploys, whether it is written for reuse. */
function kindFacts(repo: Repository): KindFacts {
  const action = repo.files.find((f) => /^action\.ya?ml$/.test(f.path));
  const runs = action ? repo.yaml(action.path)[0]?.value : undefined;
  const using = isRecord(runs) && isRecord(runs.runs) ? runs.runs.using : undefined;
  const deployed = deployedImages(repo).filter((i) => i.context !== 'operator');
  const reusable = reusableCode(repo);
  const pushes = imagePushesInInfrastructure(repo);
  return {
    ...(reusable ? { reusable } : {}),
    ...(pushes.length > 0 ? { infrastructurePushes: pushes } : {}),
    kubernetesInInfrastructure: kubernetesInInfrastructure(repo).length > 0,
    containerAction: typeof using === 'string' && /^docker$/i.test(using.trim()),
    deployedImageNames: new Set(deployed.map((i) => i.parsed.path.split('/').pop() ?? '').filter((name) => name !== '')),
  };
}

/** Signals that mean "this repository ships a service" (`service: true` in their definitions), once per detector set. */
const serviceSets = new WeakMap<readonly Detector[], ReadonlySet<string>>();
function serviceSignals(detectors: readonly Detector[]): ReadonlySet<string> {
  let set = serviceSets.get(detectors);
  if (set === undefined) serviceSets.set(detectors, (set = new Set(detectors.filter((d) => d.service).map((d) => d.id))));
  return set;
}
