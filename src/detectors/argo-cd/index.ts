import { objectsOfKind } from '../../facts/k8s/k8s-objects.js';
import { isSamplePath } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';

/**
 * signal.yaml holds the footprint; code finds argocd-cm and argocd-rbac-cm by name (a footprint
 * names object types, not objects): they configure a running Argo CD and nothing else uses them.
 */
export const detector = signalWithCode('argo-cd', (repo) =>
  objectsOfKind(repo, '', 'ConfigMap')
    .filter((o) => /^argocd-(cm|rbac-cm|cmd-params-cm)$/.test(o.name) && !isSamplePath(o.file))
    .map((o) => ({ file: o.file, line: o.line, detail: `ConfigMap ${o.name}` })),
);
