import { isRecord } from '../../facts/k8s/k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';
import { yamlFilesMatching } from '../../facts/files/paths.js';

/**
 * Image names a build or deploy tool substitutes before anything is applied: skaffold artifacts
 * (`image: frontend` in manifests becomes `frontend:<sha>`), kustomize `images:` overrides with a
 * newTag or digest, and Tilt `docker_build('name', …)`. Lower case, without tag.
 */
export function replacedImageNames(repo: Repository): Set<string> {
  return repo.memo('latest-tag-images:replaced', () => {
    const names = new Set<string>();
    for (const file of yamlFilesMatching(repo, /(^|\/)skaffold[^/]*\.ya?ml$/i)) {
      for (const document of repo.yaml(file.path)) collectArtifacts(document.value, names, 0);
    }
    for (const file of yamlFilesMatching(repo, /(^|\/)kustomization\.ya?ml$/i)) {
      for (const document of repo.yaml(file.path)) {
        const images = isRecord(document.value) ? document.value.images : undefined;
        if (!Array.isArray(images)) continue;
        for (const image of images) {
          if (isRecord(image) && typeof image.name === 'string' && (image.newTag !== undefined || image.digest !== undefined || image.newName !== undefined)) {
            names.add(image.name.toLowerCase());
          }
        }
      }
    }
    for (const file of repo.filesMatching(/(^|\/)Tiltfile$/)) {
      for (const match of (repo.text(file.path) ?? '').matchAll(/\b(?:docker_build|custom_build|docker_build_with_restart)\(\s*['"]([^'"]+)['"]/g)) names.add(match[1]!.toLowerCase());
    }
    return names;
  });
}

function collectArtifacts(node: unknown, names: Set<string>, depth: number): void {
  if (depth > 10 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectArtifacts(item, names, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if (Array.isArray(record.artifacts)) {
    for (const artifact of record.artifacts) if (isRecord(artifact) && typeof artifact.image === 'string') names.add(artifact.image.toLowerCase());
  }
  for (const value of Object.values(record)) collectArtifacts(value, names, depth + 1);
}
