import { isRecord } from '../../facts/k8s/k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';
import { yamlFilesMatching } from '../../facts/files/paths.js';
import { memoKey } from '../../workspace/memo-key.js';
import { azureManifestContainers } from './azure-manifest-containers.js';

const LATEST_TAG_IMAGES_REPLACED = memoKey<Set<string>>('latest-tag-images:replaced');

/**
 * Tilt's builds name the image they replace first, positionally (`docker_build('api', '.')`) or by
 * keyword (`custom_build(ref = 'catalog-service', command = …)`, as Spring's Tiltfiles write it).
 */
const TILT_BUILD = /\b(?:docker_build|custom_build|docker_build_with_restart)\(/g;
const FIRST_STRING = /^\s*(?:#[^\n]*\s*)*['"]([^'"]+)['"]/;
const REF_KEYWORD = /\bref\s*=\s*['"]([^'"]+)['"]/;

function tiltBuildRefs(text: string): string[] {
  const refs: string[] = [];
  for (const match of text.matchAll(TILT_BUILD)) {
    // The call's first lines are enough: `ref` is the first parameter in every example Tilt gives.
    const args = text.slice(match.index + match[0].length, match.index + match[0].length + 600);
    const ref = FIRST_STRING.exec(args)?.[1] ?? REF_KEYWORD.exec(args)?.[1];
    if (ref !== undefined) refs.push(ref.toLowerCase());
  }
  return refs;
}

/**
 * Image names a build or deploy tool substitutes before anything is applied: skaffold artifacts
 * (`image: frontend` in manifests becomes `frontend:<sha>`), kustomize `images:` overrides with a
 * newTag or digest, Tilt `docker_build('name', …)` and `custom_build(ref = 'name', …)`, and the
 * `containers:` of an Azure Pipelines KubernetesManifest deploy. Lower case, without tag.
 */
export function replacedImageNames(repo: Repository): Set<string> {
  return repo.memo(LATEST_TAG_IMAGES_REPLACED, () => {
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
      for (const ref of tiltBuildRefs(repo.text(file.path) ?? '')) names.add(ref);
    }
    for (const name of azureManifestContainers(repo)) names.add(name);
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
