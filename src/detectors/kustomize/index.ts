import type { FileEvidence } from '../../core/types.js';
import { findComponent } from '../../facts/component.js';
import { defineDetector } from '../detector.js';
import { isSamplePath, ownEvidence } from '../k8s-manifests/evidence-filters.js';
import { definition } from './definition.js';
import { kustomizations } from './kustomizations.js';

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const kustomization of kustomizations(repo)) {
    if (isSamplePath(kustomization.file)) continue;
    evidence.push({ file: kustomization.file, line: kustomization.line, detail: `kustomization (${kustomization.keys.slice(0, 4).join(', ')})` });
  }
  evidence.push(...ownEvidence(findComponent(repo, definition.component)));
  return evidence;
});
