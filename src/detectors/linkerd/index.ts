import type { FileEvidence } from '../../core/types.js';
import { findComponent } from '../../facts/component.js';
import { k8sObjects } from '../../facts/k8s-objects.js';
import { defineDetector } from '../detector.js';
import { isEnabling, metadataEntries } from '../../facts/k8s-metadata.js';
import { uniqueEvidence } from '../../facts/evidence.js';
import { crdsOfGroup } from '../../facts/crds.js';
import { definition } from './definition.js';

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const object of k8sObjects(repo)) {
    for (const entry of metadataEntries(object)) {
      // `disabled` opts a workload out of a meshed namespace: it shows intent, not use, so only enabling values count.
      if (entry.kind === 'annotation' && entry.key === 'linkerd.io/inject' && isEnabling(entry.value, ['enabled', 'ingress'])) {
        evidence.push({ file: object.file, line: entry.line, detail: `${object.kind} ${object.name}: linkerd.io/inject: ${entry.value}` });
      }
    }
  }
  evidence.push(...crdsOfGroup(repo, /(^|\.)linkerd\.io$/));
  evidence.push(...findComponent(repo, definition.component));
  return uniqueEvidence(evidence);
});
