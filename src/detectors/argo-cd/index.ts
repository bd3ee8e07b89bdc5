import type { FileEvidence } from '../../core/types.js';
import { findComponent } from '../../facts/tools/component.js';
import { objectsOfKind } from '../../facts/k8s/k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';
import { withoutSamples } from '../../facts/files/sample-paths.js';
import { defineDetector } from '../detector.js';
import { firstPerFile } from '../../facts/files/evidence.js';
import { KUSTOMIZATION_FILE } from '../../facts/k8s/kustomizations.js';
import { definition } from './definition.js';

const INSTALL_URL = /argoproj\/argo-cd\/[^\s'"]*manifests\/(ha\/)?(install|namespace-install|core-install)\.yaml/;

export const detector = defineDetector(definition, (repo) => {
  const evidence = [...findComponent(repo, definition.component), ...installResources(repo), ...argocdConfigMaps(repo)];
  return firstPerFile(withoutSamples(evidence));
});

/** A kustomization that pulls Argo CD's own install manifest as a remote resource. */
function installResources(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(KUSTOMIZATION_FILE)) {
    const text = repo.text(file.path);
    const lines = text?.split('\n') ?? [];
    const index = lines.findIndex((line) => INSTALL_URL.test(line) && !line.trim().startsWith('#'));
    if (index >= 0) evidence.push({ file: file.path, line: index + 1, detail: 'installs Argo CD from argoproj/argo-cd manifests' });
  }
  return evidence;
}

/** argocd-cm and argocd-rbac-cm configure a running Argo CD; nothing else uses these names. */
function argocdConfigMaps(repo: Repository): FileEvidence[] {
  return objectsOfKind(repo, '', 'ConfigMap')
    .filter((o) => /^argocd-(cm|rbac-cm|cmd-params-cm)$/.test(o.name))
    .map((o) => ({ file: o.file, line: o.line, detail: `ConfigMap ${o.name}` }));
}
