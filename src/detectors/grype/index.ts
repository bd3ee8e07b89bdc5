import type { FileEvidence } from '../../core/types.js';
import { ciToolEvidence, gitlabContainerScanning } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { toolArgs } from '../../facts/ci/tool-runs.js';
import { signalWithCode } from '../signal-with-code.js';

/** Any grype invocation with a target; `grype version` or a bare `grype` (an install check) is not a scan. */
export function runsGrype(text: string): boolean {
  return toolArgs(text, 'grype').some((args) => args !== '' && !/^(version|--version|-v|help|--help|-h|completion)\b/.test(args));
}

export const detector = signalWithCode('grype', (repo) => {
  const evidence: FileEvidence[] = ciToolEvidence(repo, {
    command: runsGrype,
    orbs: /(^|\/)grype/i,
  });
  for (const scan of gitlabContainerScanning(repo)) {
    if (scan.analyzer === 'grype') evidence.push({ file: scan.file, line: scan.line, detail: `includes ${scan.ref} (Grype analyzer)` });
  }
  return uniquePlaces(evidence);
});
