import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'devspace',
  name: 'DevSpace',
  kind: 'tool',
  category: 'dev-loop',
  description:
    'DevSpace as the inner dev loop: a devspace.yaml (version v1beta… or v2beta…), or `devspace dev|deploy|build|run-pipeline|purge` in a script, Makefile or pipeline, or loft-sh/setup-devspace.',
  remediation:
    'Add a devspace.yaml (images, deployments and a dev section with sync and port-forwarding) so `devspace dev` runs the service in a cluster with live code sync.',
  // Found in a repository, it says the repository ships a service (src/scan/scan-listed.ts).
  service: true,
} satisfies DetectorDefinition;
