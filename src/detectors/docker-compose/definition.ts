import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'docker-compose',
  name: 'Docker Compose',
  kind: 'tool',
  category: 'local-compose',
  description:
    'A Compose file (compose.yaml, docker-compose*.yml, compose.*.yaml) with a `services:` mapping. Compose files in docs folders or test fixtures do not count.',
  remediation:
    'Compose is fine for local dependencies; to reach Kubernetes, describe the same services as manifests or a chart (kompose can start the translation) and run them on a local cluster (kind, k3d, minikube).',
} satisfies DetectorDefinition;
