import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'gitlab-ci',
  name: 'GitLab CI/CD',
  kind: 'tool',
  category: 'ci',
  description:
    'A GitLab CI/CD configuration (.gitlab-ci.yml, *.gitlab-ci.yml, .gitlab/ci/*.yml) with jobs (script, trigger or extends), stages or includes, or GitLab runners deployed to Kubernetes (gitlab-runner chart, runner images, the runner operator). Files under docs, examples or tests do not count.',
  remediation:
    'Add a .gitlab-ci.yml with test and build stages (or include the Auto DevOps templates) so every merge request and every push to the default branch runs the pipeline.',
  component: {
    charts: [/^gitlab-runner$/],
    images: [/^(gitlab-org\/gitlab-runner|gitlab\/gitlab-runner|gitlab-org\/gitlab-runner\/gitlab-runner-helper)$/],
    objects: [{ group: /^apps\.gitlab\.com$/, kind: /^Runner$/ }],
  },
} satisfies DetectorDefinition;
