import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'skaffold',
  name: 'Skaffold',
  kind: 'tool',
  category: 'dev-loop',
  description:
    'Skaffold as the inner dev loop: a skaffold.yaml (apiVersion skaffold/v…), or `skaffold dev|run|build|deploy|render|debug` in a script, Makefile or pipeline.',
  remediation:
    'Give each service a skaffold.yaml (build artifacts plus the manifests or chart) so `skaffold dev` rebuilds and redeploys on every change against a local cluster.',
  // Found in a repository, it says the repository ships a service (src/scan/scan-listed.ts).
  service: true,
} satisfies DetectorDefinition;
