import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'buildah',
  name: 'Buildah',
  kind: 'tool',
  category: 'container-build',
  description:
    'Buildah builds images: `buildah bud|build|from|commit|push…` in a script, Makefile or pipeline, redhat-actions/buildah-build, a CI job running the buildah image (quay.io/buildah/stable), or the Tekton buildah task.',
  remediation:
    'Build images without a Docker daemon in CI, e.g. redhat-actions/buildah-build then redhat-actions/push-to-registry, or the Tekton buildah task.',
  component: {
    images: [/(^|\/)(buildah\/stable|containers\/buildah|rhel\d*\/buildah)$/],
  },
  // Found in a repository, it says the repository ships a service (src/scan/scan-listed.ts).
  service: true,
} satisfies DetectorDefinition;
