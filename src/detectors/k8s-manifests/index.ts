import type { FileEvidence } from '../../core/types.js';
import { k8sObjects, type K8sObject } from '../../facts/k8s-objects.js';
import { CHART_YAML } from '../../facts/paths.js';
import type { Repository } from '../../scan/repository.js';
import { defineDetector } from '../detector.js';
import { kustomizations } from '../../facts/kustomizations.js';
import { definition } from './definition.js';
import { isSamplePath } from '../../facts/sample-paths.js';
import { isClusterObject } from '../../facts/object-kinds.js';

export const detector = defineDetector(definition, (repo) => {
  const chartDirs = chartContentDirs(repo);
  const patchFiles = new Set(kustomizations(repo).flatMap((k) => k.patchFiles));
  const evidence: FileEvidence[] = [];
  const seenFiles = new Set<string>();
  for (const object of k8sObjects(repo)) {
    if (seenFiles.has(object.file) || !isManifest(object, chartDirs, patchFiles)) continue;
    seenFiles.add(object.file);
    evidence.push({ file: object.file, line: object.line, detail: `${object.apiVersion} ${object.kind} ${object.name}`.trim() });
  }
  return evidence;
});

function isManifest(object: K8sObject, chartDirs: string[], patchFiles: Set<string>): boolean {
  // Chart templates are Helm's evidence; a patch alone is half an object.
  if (object.templated || patchFiles.has(object.file) || isSamplePath(object.file)) return false;
  if (chartDirs.some((dir) => object.file.startsWith(dir))) return false;
  return isClusterObject(object.apiVersion, object.kind);
}

/** templates/, crds/ and charts/ of every chart: Helm renders and installs them, not the team by hand. */
function chartContentDirs(repo: Repository): string[] {
  return repo.filesMatching(CHART_YAML).flatMap((file) => {
    const dir = file.path.replace(/(^|\/)Chart\.ya?ml$/, '$1');
    return ['templates/', 'crds/', 'charts/'].map((sub) => dir + sub);
  });
}
