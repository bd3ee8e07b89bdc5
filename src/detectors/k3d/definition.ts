import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'k3d',
  name: 'k3d',
  kind: 'tool',
  category: 'local-cluster',
  description:
    'k3d (k3s in Docker) used for local or CI clusters: a k3d configuration (apiVersion k3d.io, kind Simple), `k3d cluster create` / `k3d image import` in a script, Makefile or pipeline, or the AbsaOSS/k3d-action, nolar/setup-k3d-k3s or rinx/setup-k3d steps.',
  remediation:
    'Give developers and CI a disposable cluster: commit a k3d config (k3d.io Simple) and a `make dev` target running `k3d cluster create --config …`, and AbsaOSS/k3d-action for end-to-end tests.',
} satisfies DetectorDefinition;
