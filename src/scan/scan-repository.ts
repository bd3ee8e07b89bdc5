import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Limits } from '../core/limits.js';
import type { Detection } from '../core/types.js';
import type { Detector } from '../detectors/detector.js';
import type { RepositoryInput } from '../model/assess.js';
import { initHclParser } from '../parse/hcl.js';
import { listFiles } from '../sources/repository/list-files.js';
import { HCL_FILE } from '../facts/paths.js';
import { DEPENDENCY_FILE } from '../facts/dependencies.js';
import { Repository } from './repository.js';
import { runDetectors } from './run-detectors.js';

/** A path the user gave that cannot be scanned at all (exit 2), as opposed to a bad file inside it (a warning). */
export class ScanInputError extends Error {
  override name = 'ScanInputError';
}

export function checkRepositoryPath(path: string): string {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ScanInputError(`${path}: no such file or directory`);
  }
  if (!stats.isDirectory()) throw new ScanInputError(`${path}: not a directory (give the folder of a repository)`);
  return resolve(path);
}

/** Signals that mean "this repository ships a service" rather than "this repository runs the platform". */
const SERVICE_SIGNALS = new Set(['docker', 'podman', 'buildah', 'kaniko', 'image-pipeline', 'skaffold', 'devspace', 'tilt']);
const SOURCE_CODE = /\.(go|py|java|kt|scala|js|mjs|ts|tsx|cs|fs|rb|rs|php|ex|exs|clj|swift|cpp|cc|c)$/i;

export interface ScannedRepository extends RepositoryInput {
  files: number;
  root: string;
}

/** Lists, reads and runs every detector on one repository; bad files become warnings. */
export async function scanRepository(path: string, detectors: readonly Detector[], limits: Limits): Promise<ScannedRepository> {
  const root = checkRepositoryPath(path);
  const listing = listFiles(root, limits);
  const repo = new Repository(root, path, listing.files, limits);
  repo.warnings.push(...listing.warnings);
  if (listing.files.some((f) => HCL_FILE.test(f.path))) await initHclParser();
  const detections = runDetectors(repo, detectors);
  return { path, root, kind: kindOf(repo, detections), detections, warnings: repo.warnings, files: listing.files.length };
}

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
