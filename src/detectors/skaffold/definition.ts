import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'skaffold',
  name: 'Skaffold',
  kind: 'tool',
  description:
    'Skaffold as the inner dev loop: a skaffold.yaml (apiVersion skaffold/v…), or `skaffold dev|run|build|deploy|render|debug` in a script, Makefile or pipeline.',
  remediation:
    'Give each service a skaffold.yaml (build artifacts plus the manifests or chart) so `skaffold dev` rebuilds and redeploys on every change against a local cluster.',
} satisfies DetectorDefinition;
