import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'codeowners',
  name: 'CODEOWNERS',
  kind: 'practice',
  description:
    'A CODEOWNERS file (root, .github/, docs/ or .gitlab/) with at least one rule; the evidence points at the rules that cover deploy paths (charts, manifests, Dockerfiles, workflows, Terraform) when there are some, otherwise at the catch-all or first rule.',
  remediation:
    'Add a CODEOWNERS file that names the owners of deploy paths (charts/, k8s/, deploy/, Dockerfile, .github/workflows/, terraform/) and require code-owner review in the branch protection rules.',
} satisfies DetectorDefinition;
