import type { Detection, Evidence } from '../core/types.js';
import type { Detector } from '../detectors/detector.js';
import type { Repository } from '../workspace/repository.js';
import { isNotOwnUse } from '../facts/files/paths.js';
import { redactCommand } from '../core/redact.js';

/** Evidence kept per detection; the total is still reported. Keeps reports readable on monorepos. */
export const MAX_EVIDENCE = 50;

export interface RepositoryDetection extends Detection {
  /** How many places were found in all, when more than the evidence listed. */
  evidenceCount?: number;
}

/** Runs every detector on the repository. A detector that throws becomes a warning; the others go on. */
export function runDetectors(repo: Repository, detectors: readonly Detector[]): RepositoryDetection[] {
  const detections: RepositoryDetection[] = [];
  for (const detector of detectors) {
    try {
      const result = detector.detect(repo);
      // Documentation and example folders describe someone else's use (one rule for every detector).
      result.evidence = result.evidence.filter((e) => !isNotOwnUse(e.file));
      // A coverage of zero ("0 of 5 containers") is still worth reporting; no evidence and no population is nothing.
      if (result.evidence.length === 0 && !(result.coverage && result.coverage.total > 0)) continue;
      const evidence = [...result.evidence].map(redactEvidence).sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
      detections.push({
        id: detector.id,
        evidence: evidence.slice(0, MAX_EVIDENCE),
        ...(evidence.length > MAX_EVIDENCE ? { evidenceCount: evidence.length } : {}),
        ...(result.coverage ? { coverage: { ...result.coverage, missing: result.coverage.missing.map(redactEvidence) } } : {}),
      });
    } catch (error) {
      repo.warn(`(detector ${detector.id})`, `detector failed and was skipped: ${(error as Error).message}`);
    }
  }
  return detections;
}

/**
 * The last step before evidence is reported or cached: whatever a detector quoted (a CI step, a
 * script line, a config value), its secrets are replaced by a marker. Detectors shorten commands
 * themselves; this catches the ones that quote text another way.
 */
function redactEvidence<T extends Evidence>(evidence: T): T {
  return 'detail' in evidence && typeof evidence.detail === 'string' ? { ...evidence, detail: redactCommand(evidence.detail) } : evidence;
}
