import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'dependency-updates',
  name: 'Automated base-image updates',
  kind: 'practice',
  description:
    'Docker images are kept current by a bot: a Renovate configuration (renovate.json, .renovaterc*, .github/renovate.json5, the `renovate` key of package.json) that does not disable its Dockerfile/docker-compose/Kubernetes/Helm image managers, or a Dependabot configuration with a `package-ecosystem: docker` (or docker-compose) update.',
  remediation:
    'Enable Renovate (its default presets update Dockerfile FROM lines, compose files and Helm values) or add a Dependabot `package-ecosystem: "docker"` update for each directory with a Dockerfile.',
} satisfies DetectorDefinition;
