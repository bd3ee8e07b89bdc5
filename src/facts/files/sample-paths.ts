import type { FileEvidence } from '../../core/types.js';
import { isSamplePath } from './paths.js';

/** A command that only prints another command (`echo "kustomize build …"`) runs nothing. */
export function isPrintedCommand(evidence: FileEvidence): boolean {
  return /^runs `(echo|printf)\s/.test(evidence.detail ?? '');
}

/** Evidence from findComponent that is the team's own: not in samples or tests, not an echo. */
export function withoutSamples(evidence: FileEvidence[]): FileEvidence[] {
  return evidence
    .filter((e) => !isSamplePath(e.file) && !isPrintedCommand(e))
    .map((e) => (e.detail?.includes('__TPL__') ? { ...e, detail: e.detail.replace(/__TPL__/g, '{{…}}') } : e));
}
