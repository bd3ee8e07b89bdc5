/**
 * Azure Pipelines' KubernetesManifest task substitutes images before it applies the manifests: each
 * line of its `containers:` input (`$(containerRegistry)/$(imageRepository):$(tag)`) replaces every
 * image of that name, whatever tag the manifest wrote (the starter pipeline Azure DevOps generates
 * leaves the manifest's image untagged). The names are resolved from the pipeline's `variables:`.
 */
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { ciPipelineFiles } from '../../facts/files/paths.js';
import { parseImage } from '../../facts/images/images.js';
import type { Repository } from '../../workspace/repository.js';

const KUBERNETES_MANIFEST_TASK = /^KubernetesManifest@\d+$/;

/** Image names (lower case, without tag; with registry when it resolved) the task replaces. */
export function azureManifestContainers(repo: Repository): string[] {
  const names: string[] = [];
  for (const [path, system] of ciPipelineFiles(repo)) {
    if (system !== 'azure-pipelines' || !repo.text(path)?.includes('KubernetesManifest@')) continue;
    for (const document of repo.yaml(path)) {
      const variables = new Map<string, string>();
      const containers: string[] = [];
      walk(document.value, variables, containers, 0);
      for (const line of containers) {
        const resolved = line.replace(/\$\(([\w.]+)\)/g, (whole, name: string) => variables.get(name) ?? whole);
        const { registry, path: imagePath } = parseImage(resolved);
        if (imagePath === '' || imagePath.includes('$(')) continue;
        names.push((registry === '' || registry.includes('$(') ? imagePath : `${registry}/${imagePath}`).toLowerCase());
      }
    }
  }
  return names;
}

/** Variables from every `variables:` block (map or `- name/value` list) and the tasks' containers. */
function walk(node: unknown, variables: Map<string, string>, containers: string[], depth: number): void {
  if (depth > 20 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, variables, containers, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  const block = record.variables;
  if (isRecord(block)) {
    for (const [name, value] of Object.entries(block)) if (isScalar(value)) variables.set(name, String(value));
  } else if (Array.isArray(block)) {
    for (const item of block) if (isRecord(item) && typeof item.name === 'string' && isScalar(item.value)) variables.set(item.name, String(item.value));
  }
  if (typeof record.task === 'string' && KUBERNETES_MANIFEST_TASK.test(record.task.trim()) && isRecord(record.inputs)) {
    const input = record.inputs.containers;
    if (typeof input === 'string') containers.push(...input.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== ''));
  }
  for (const [key, value] of Object.entries(record)) if (key !== 'variables') walk(value, variables, containers, depth + 1);
}

function isScalar(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}
