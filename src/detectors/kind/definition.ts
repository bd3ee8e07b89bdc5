import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'kind',
  name: 'kind',
  kind: 'tool',
  category: 'local-cluster',
  description:
    'kind (Kubernetes in Docker) used for local or CI clusters: a kind `Cluster` configuration (kind.x-k8s.io), `kind create cluster` / `kind load docker-image` in a script, Makefile or pipeline, or the helm/kind-action, engineerd/setup-kind or container-tools/kind-action steps.',
  remediation:
    'Give developers and CI a disposable cluster: commit a kind config (kind.x-k8s.io Cluster) and a `make dev` target running `kind create cluster --config …`, and use helm/kind-action for end-to-end tests.',
} satisfies DetectorDefinition;
