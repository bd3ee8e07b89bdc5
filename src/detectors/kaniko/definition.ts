import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'kaniko',
  name: 'kaniko',
  kind: 'tool',
  category: 'container-build',
  description:
    'kaniko builds images in a cluster or CI without a Docker daemon: a CI job or Tekton step running gcr.io/kaniko-project/executor, a Jenkins pod template or manifest with that image, `/kaniko/executor` commands, kaniko GitHub actions, the Tekton kaniko task, or a Skaffold kaniko builder.',
  remediation:
    'Build images inside the cluster or CI without privileged Docker: a GitLab job with image gcr.io/kaniko-project/executor:debug running `/kaniko/executor --destination $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA`, or the Tekton kaniko task.',
  component: {
    images: [/(^|\/)kaniko-project\/executor$/],
  },
  // Found in a repository, it says the repository ships a service (src/scan/scan-listed.ts).
  service: true,
} satisfies DetectorDefinition;
