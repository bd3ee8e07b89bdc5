/**
 * CustomResourceDefinitions of an API group: committing a tool's CRDs means installing the tool.
 * The component spec's `objects` matches an object's own group (apiextensions.k8s.io for a CRD),
 * so the mesh and secret-operator detectors needed this lookup by the group a CRD defines.
 */
import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsOfKind } from './k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';

export function crdsOfGroup(repo: Repository, group: RegExp): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const object of objectsOfKind(repo, 'apiextensions.k8s.io', 'CustomResourceDefinition')) {
    const spec = object.doc.spec;
    if (isRecord(spec) && typeof spec.group === 'string' && group.test(spec.group)) {
      evidence.push({ file: object.file, line: object.line, detail: `CustomResourceDefinition ${object.name}` });
    }
  }
  return evidence;
}
