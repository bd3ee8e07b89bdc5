/**
 * Own use of a tool as evidence shows it: the path rule (isOwnUse, in paths.ts with every other
 * own-use rule) and npm peer dependencies, which name what someone else runs. Shared here because
 * eleven detectors apply the same filter.
 */
import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../k8s/k8s-objects.js';
import { isOwnUse } from './paths.js';
import type { Repository } from '../../workspace/repository.js';

/**
 * Evidence minus what does not show the repository's own use: files in docs/examples/tests and npm
 * packages a library lists as peer dependencies. (Go `// indirect` requirements never reach here:
 * the dependencies fact drops them.)
 */
export function keepOwnUse(repo: Repository, evidence: FileEvidence[], ownUse: (path: string) => boolean = isOwnUse): FileEvidence[] {
  return evidence.filter((item) => {
    if (!ownUse(item.file)) return false;
    if (!item.detail?.startsWith('dependency ')) return true;
    const name = item.detail.slice('dependency '.length);
    if (/(^|\/)package\.json$/.test(item.file)) {
      const manifest = repo.json(item.file);
      return !(isRecord(manifest) && isRecord(manifest.peerDependencies) && name in manifest.peerDependencies);
    }
    return true;
  });
}
