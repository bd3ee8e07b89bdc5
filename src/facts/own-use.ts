/**
 * Own use, stricter than the scan-wide isNotOwnUse: the monitoring, logging and tracing detectors
 * also drop test folders, Go `// indirect` requirements and npm peer dependencies, all of which
 * name what someone else runs. Shared here because eleven detectors apply the same rule.
 */
import type { FileEvidence } from '../core/types.js';
import { isRecord } from './k8s-objects.js';
import { isNotOwnUse } from './paths.js';
import type { Repository } from '../scan/repository.js';

/**
 * Test folders on top of the shared isNotOwnUse (docs, examples, fixtures…): an observability stack
 * in test/ or e2e/ is what the tests start, not what the team runs.
 */
const TEST_OR_DOCS_FOLDER = /(^|\/)(documentation|tests?|__tests__|e2e)\//i;

export function isOwnUse(path: string): boolean {
  return !isNotOwnUse(path) && !TEST_OR_DOCS_FOLDER.test(path);
}

/**
 * Evidence minus what does not show the repository's own use: files in docs/examples/tests, Go
 * requirements marked `// indirect` (client_golang and otel arrive that way through
 * controller-runtime or grpc) and npm packages a library lists as peer dependencies.
 */
export function keepOwnUse(repo: Repository, evidence: FileEvidence[]): FileEvidence[] {
  return evidence.filter((item) => {
    if (!isOwnUse(item.file)) return false;
    if (!item.detail?.startsWith('dependency ')) return true;
    const name = item.detail.slice('dependency '.length);
    if (/(^|\/)go\.mod$/.test(item.file)) {
      const line = repo.text(item.file)?.split('\n')[item.line - 1] ?? '';
      return !/\/\/\s*indirect\b/.test(line);
    }
    if (/(^|\/)package\.json$/.test(item.file)) {
      const manifest = repo.json(item.file);
      return !(isRecord(manifest) && isRecord(manifest.peerDependencies) && name in manifest.peerDependencies);
    }
    return true;
  });
}
