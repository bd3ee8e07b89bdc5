import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'circleci',
  name: 'CircleCI',
  kind: 'tool',
  category: 'ci',
  description:
    'A CircleCI configuration (.circleci/config.yml or another .circleci/*.yml) with a version and jobs or workflows, or a self-hosted CircleCI runner deployed to Kubernetes (container-agent chart or runner images).',
  remediation:
    'Run every change through a pipeline: a .circleci/config.yml with test and image-build jobs in a workflow (orbs such as circleci/docker keep it short), so the main branch is always built and tested.',
  component: {
    charts: [/^container-agent$/],
    images: [/^circleci\/(runner-agent|runner|container-agent)$/],
  },
} satisfies DetectorDefinition;
