import type { FileEvidence } from '../../core/types.js';
import { findComponent } from '../../facts/tools/component.js';
import { defineDetector } from '../detector.js';
import { isEnabling, metadataWithKey } from '../../facts/k8s/k8s-metadata.js';
import { uniqueEvidence } from '../../facts/files/evidence.js';
import { crdsOfGroup } from '../../facts/k8s/crds.js';
import { definition } from './definition.js';

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const { object, entry } of metadataWithKey(repo, (key) => key === 'linkerd.io/inject')) {
    // `disabled` opts a workload out of a meshed namespace: it shows intent, not use, so only enabling values count.
    if (entry.kind === 'annotation' && isEnabling(entry.value, ['enabled', 'ingress'])) {
      evidence.push({ file: object.file, line: entry.line, detail: `${object.kind} ${object.name}: linkerd.io/inject: ${entry.value}` });
    }
  }
  evidence.push(...crdsOfGroup(repo, /(^|\.)linkerd\.io$/));
  evidence.push(...findComponent(repo, definition.component));
  return uniqueEvidence(evidence);
});
