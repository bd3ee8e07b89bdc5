import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'trivy',
  name: 'Trivy',
  kind: 'tool',
  category: 'vulnerability-scanner',
  description:
    'Trivy run by CI: aquasecurity/trivy-action, `trivy image|fs|config|repo|k8s|sbom` in a pipeline (or a script/make target the pipeline calls), the Azure trivy task, a CircleCI trivy orb, a Drone or Woodpecker trivy plugin step, the Tekton trivy-scanner task, or GitLab Container-Scanning (whose default analyzer is Trivy). A Makefile target or script that CI never calls does not count.',
  remediation:
    'Scan every image CI builds and fail on fixable critical findings: add aquasecurity/trivy-action after the build step (GitHub), include the Container-Scanning template (GitLab), or run `trivy image --exit-code 1 --severity CRITICAL,HIGH --ignore-unfixed $IMAGE` in the pipeline.',
} satisfies DetectorDefinition;
