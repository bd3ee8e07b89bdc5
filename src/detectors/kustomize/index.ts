import type { FileEvidence } from '../../core/types.js';
import { findComponent } from '../../facts/tools/component.js';
import { defineDetector } from '../detector.js';
import { withoutSamples } from '../../facts/files/sample-paths.js';
import { isSamplePath } from '../../facts/files/paths.js';
import { definition } from './definition.js';
import { kustomizations } from '../../facts/k8s/kustomizations.js';

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const kustomization of kustomizations(repo)) {
    if (isSamplePath(kustomization.file)) continue;
    evidence.push({ file: kustomization.file, line: kustomization.line, detail: `kustomization (${kustomization.keys.slice(0, 4).join(', ')})` });
  }
  // `kubectl apply -k` where installers run it too (a Terraform remote-exec, cloud-init), as every signal file does.
  evidence.push(...withoutSamples(findComponent(repo, definition.component, { provisioning: true })));
  return evidence;
});
