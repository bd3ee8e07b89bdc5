import type { FileEvidence } from '../../core/types.js';

/**
 * Folders that hold documentation, samples or test data: a manifest, an Argo CD Application or a
 * Flux source there shows a reader how to use something, not what the team runs. Precision beats
 * recall here (a platform's real files live in deploy/, k8s/, clusters/, apps/…).
 * Shared by the delivery detectors; a candidate for src/facts/paths.ts next to isDocumentation.
 */
const SAMPLE_DIR = /(^|\/)(docs?|documentation|examples?|samples?|tests?|e2e|testdata|test-?data|__fixtures__|fixtures|__snapshots__|mocks?)\//i;

export function isSamplePath(path: string): boolean {
  return SAMPLE_DIR.test(path);
}

/** A command that only prints another command (`echo "kustomize build …"`) runs nothing. */
export function isPrintedCommand(evidence: FileEvidence): boolean {
  return /^runs `(echo|printf)\s/.test(evidence.detail ?? '');
}

/** Evidence from findComponent that is the team's own: not in samples or tests, not an echo. */
export function ownEvidence(evidence: FileEvidence[]): FileEvidence[] {
  return evidence
    .filter((e) => !isSamplePath(e.file) && !isPrintedCommand(e))
    .map((e) => (e.detail?.includes('__TPL__') ? { ...e, detail: e.detail.replace(/__TPL__/g, '{{…}}') } : e));
}

/** The first evidence (by line) of each file, in file order: one place per file keeps reports short. */
export function firstPerFile(evidence: FileEvidence[]): FileEvidence[] {
  const byFile = new Map<string, FileEvidence>();
  for (const item of evidence) {
    const kept = byFile.get(item.file);
    if (!kept || item.line < kept.line) byFile.set(item.file, item);
  }
  return [...byFile.values()];
}
