import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'github-actions',
  name: 'GitHub Actions',
  kind: 'tool',
  category: 'ci',
  description:
    'A GitHub Actions workflow (.github/workflows/*.yml) with triggers (`on:`) and jobs, or self-hosted runners on Kubernetes (actions-runner-controller or gha-runner-scale-set charts, images or custom resources).',
  remediation:
    'Add a workflow under .github/workflows that runs tests and builds the image on every pull request and push to the main branch; keep deploy jobs behind environments with required reviewers.',
  component: {
    charts: [/^actions-runner-controller$/, /^gha-runner-scale-set(-controller)?$/],
    images: [/^(summerwind\/actions-runner-controller|actions-runner-controller\/actions-runner-controller|actions\/gha-runner-scale-set-controller)$/],
    objects: [{ group: /^actions\.(summerwind\.dev|github\.com)$/ }],
  },
} satisfies DetectorDefinition;
