import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';

/** Stage types that no other pipeline format uses. Generic ones (wait, webhook, script) need a refId too. */
const SPINNAKER_STAGES = new Set([
  'deployManifest', 'bakeManifest', 'patchManifest', 'deleteManifest', 'scaleManifest', 'undoRolloutManifest', 'runJobManifest',
  'findArtifactsFromResource', 'manualJudgment', 'findImageFromTags', 'findImage', 'kayentaCanary', 'evaluateVariables',
  'checkPreconditions', 'disableCluster', 'destroyServerGroup', 'resizeServerGroup', 'rollbackCluster', 'enableServerGroup',
  'createServerGroup', 'disableServerGroup', 'cloneServerGroup', 'bake',
]);

/** Spinnaker pipeline definitions (as exported by `spin pipeline get` or the UI) in JSON or YAML files. */
export function pipelineFiles(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(/\.(json|ya?ml)$/i)) {
    const text = repo.text(file.path);
    // Cheap filter before parsing: every exported pipeline has stages with a refId.
    if (text === undefined || !text.includes('stages') || !text.includes('refId')) continue;
    const documents = file.path.toLowerCase().endsWith('.json') ? [repo.json(file.path)] : repo.yaml(file.path).map((d) => d.value);
    const type = documents.map((doc) => spinnakerStageType(doc, 0)).find((t) => t !== undefined);
    if (type === undefined) continue;
    evidence.push({ file: file.path, line: repo.lineOfText(file.path, /["']?stages["']?\s*:/), detail: `Spinnaker pipeline (${type} stage)` });
  }
  return evidence;
}

/** The type of the first Spinnaker stage found in a pipeline, a list of pipelines or a dinghy document. */
function spinnakerStageType(node: unknown, depth: number): string | undefined {
  if (depth > 8) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = spinnakerStageType(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(node)) return undefined;
  if (Array.isArray(node.stages)) {
    for (const stage of node.stages) {
      if (!isRecord(stage) || typeof stage.type !== 'string') continue;
      const linked = stage.refId !== undefined && Array.isArray(stage.requisiteStageRefIds);
      if (SPINNAKER_STAGES.has(stage.type) || linked) return stage.type;
    }
  }
  for (const key of ['pipelines', 'pipeline', 'template', 'config']) {
    const found = node[key] !== undefined ? spinnakerStageType(node[key], depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}
