import { posix } from 'node:path';
import { isRecord } from './k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';

/** A kustomize build root: kustomization.yaml, kustomization.yml or Kustomization. */
export const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** Keys that only a kustomization has; a file named kustomization.yaml without any is not one. */
const KUSTOMIZE_KEYS = [
  'resources', 'bases', 'components', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator',
  'secretGenerator', 'images', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'helmCharts',
  'replicas', 'replacements', 'generators', 'transformers', 'crds', 'vars', 'generatorOptions', 'openapi', 'sortOptions', 'buildMetadata',
] as const;

export interface Kustomization {
  file: string;
  line: number;
  /** The kustomize keys the file uses, in the order above. */
  keys: string[];
  /** Patch files it names, as repository paths. */
  patchFiles: string[];
}

/**
 * Kustomizations of the repository, read once. A file that holds a Flux Kustomization
 * (kustomize.toolkit.fluxcd.io) is a Flux object, not a kustomize build root.
 * Shared because k8s-manifests needs the patch files too (a patch alone is half an object).
 */
export function kustomizations(repo: Repository): Kustomization[] {
  return repo.memo('kustomizations', () => {
    const out: Kustomization[] = [];
    for (const file of repo.filesMatching(KUSTOMIZATION_FILE)) {
      for (const document of repo.yaml(file.path)) {
        const doc = document.value;
        if (!isRecord(doc)) continue;
        if (doc.apiVersion !== undefined && !(typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith('kustomize.config.k8s.io/'))) continue;
        const keys = KUSTOMIZE_KEYS.filter((key) => doc[key] !== undefined && doc[key] !== null);
        if (keys.length === 0) continue;
        out.push({ file: file.path, line: lineOf(doc, keys[0], document.line), keys, patchFiles: patchFilesOf(file.path, doc) });
        break;
      }
    }
    return out;
  });
}

function patchFilesOf(file: string, doc: Record<string, unknown>): string[] {
  const dir = posix.dirname(file);
  const paths: string[] = [];
  for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902']) {
    const list = doc[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const path = typeof item === 'string' ? item : isRecord(item) && typeof item.path === 'string' ? item.path : undefined;
      // An inline patch (a YAML string with newlines) names no file.
      if (path === undefined || path.includes('\n')) continue;
      paths.push(posix.normalize(posix.join(dir, path)));
    }
  }
  return paths;
}
