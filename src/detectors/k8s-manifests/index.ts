import type { FileEvidence } from '../../core/types.js';
import { k8sObjects, type K8sObject } from '../../facts/k8s/k8s-objects.js';
import { CHART_YAML, yamlFilesMatching } from '../../facts/files/paths.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { kustomizations } from '../../facts/k8s/kustomizations.js';
import { definition } from './definition.js';
import { isSamplePath } from '../../facts/files/paths.js';
import { isClusterObject } from '../../facts/k8s/object-kinds.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';

/** Manifests filled in before they are applied (`sed … helloweb.yaml.template | kubectl apply -f -`). */
const MANIFEST_TEMPLATE = /\.ya?ml\.(template|tpl|tmpl)$/i;

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
  evidence.push(...manifestTemplates(repo, chartDirs));
  return evidence;
});

/**
 * `*.yaml.template` and `*.yml.tpl` files whose documents are clearly Kubernetes objects (apiVersion,
 * kind, metadata.name, a kind a cluster knows): kept in git and applied once their placeholders are
 * filled. One evidence per file, at its first object.
 */
function manifestTemplates(repo: Repository, chartDirs: Set<string>): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(MANIFEST_TEMPLATE)) {
    if (isSamplePath(file.path) || isInFolderOf(file.path, chartDirs)) continue;
    for (const document of repo.yaml(file.path)) {
      const doc = document.value;
      if (!isRecord(doc) || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') continue;
      if (!isRecord(doc.metadata) || typeof doc.metadata.name !== 'string') continue;
      if (!isClusterObject(doc.apiVersion, doc.kind)) continue;
      const detail = `${doc.apiVersion} ${doc.kind} ${doc.metadata.name} (a template filled in before it is applied)`;
      evidence.push({ file: file.path, line: document.line, detail });
      break;
    }
  }
  return evidence;
}

function isManifest(object: K8sObject, chartDirs: Set<string>, patchFiles: Set<string>): boolean {
  // Chart templates are Helm's evidence; a patch alone is half an object.
  if (object.templated || patchFiles.has(object.file) || isSamplePath(object.file)) return false;
  if (isInFolderOf(object.file, chartDirs)) return false;
  if (isHelmTestHook(object)) return false;
  return isClusterObject(object.apiVersion, object.kind);
}

/**
 * A Pod annotated `helm.sh/hook: test` (a chart's test copied out of `templates/tests/`, or a
 * rendered chart kept in git) runs on `helm test` and is deleted after: it is not part of what runs.
 */
function isHelmTestHook(object: K8sObject): boolean {
  const annotations = isRecord(object.doc.metadata) ? object.doc.metadata.annotations : undefined;
  const hook = isRecord(annotations) ? annotations['helm.sh/hook'] : undefined;
  return typeof hook === 'string' && hook.split(',').some((phase) => /^test(-success|-failure)?$/.test(phase.trim()));
}

/** templates/, crds/ and charts/ of every chart: Helm renders and installs them, not the team by hand. */
function chartContentDirs(repo: Repository): Set<string> {
  return new Set(
    yamlFilesMatching(repo, CHART_YAML).flatMap((file) => {
      const dir = file.path.replace(/(^|\/)Chart\.ya?ml$/, '$1');
      return ['templates/', 'crds/', 'charts/'].map((sub) => dir + sub);
    }),
  );
}

/**
 * The file is somewhere below one of `folders` (each ending with a slash). Looks up the file's own
 * folder prefixes rather than testing every folder: a monorepo has hundreds of charts.
 */
function isInFolderOf(file: string, folders: Set<string>): boolean {
  for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
    if (folders.has(file.slice(0, slash + 1))) return true;
  }
  return false;
}
