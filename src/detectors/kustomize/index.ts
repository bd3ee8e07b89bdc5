import type { FileEvidence } from '../../core/types.js';
import { isSamplePath } from '../../facts/files/paths.js';
import { kustomizations } from '../../facts/k8s/kustomizations.js';
import { signalWithCode } from '../signal-with-code.js';

/** signal.yaml holds the footprint; code reads kustomizations (which keys make one is a judgement of the shared fact). */
export const detector = signalWithCode('kustomize', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const kustomization of kustomizations(repo)) {
    if (isSamplePath(kustomization.file)) continue;
    evidence.push({ file: kustomization.file, line: kustomization.line, detail: `kustomization (${kustomization.keys.slice(0, 4).join(', ')})` });
  }
  return evidence;
});
