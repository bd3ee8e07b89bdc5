import { isRecord } from '../../facts/k8s/k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';
import { yamlFilesMatching } from '../../facts/files/paths.js';

/**
 * Files a kustomization applies as patches. A patch Deployment carries only the fields it changes,
 * so its containers would be counted as lacking probes although the base declares them.
 */
export function kustomizePatchFiles(repo: Repository): Set<string> {
  return repo.memo('probes:kustomizePatches', () => {
    const files = new Set<string>();
    for (const file of yamlFilesMatching(repo, /(^|\/)kustomization\.ya?ml$/i)) {
      const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
      for (const document of repo.yaml(file.path)) {
        const doc = document.value;
        if (!isRecord(doc)) continue;
        const entries = [...asList(doc.patchesStrategicMerge), ...asList(doc.patches), ...asList(doc.patchesJson6902)];
        for (const entry of entries) {
          const path = typeof entry === 'string' ? entry : isRecord(entry) && typeof entry.path === 'string' ? entry.path : undefined;
          if (path && !path.includes('\n')) files.add(normalize(dir + path));
        }
      }
    }
    return files;
  });
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
