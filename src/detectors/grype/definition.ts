import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'grype',
  name: 'Grype',
  kind: 'tool',
  category: 'vulnerability-scanner',
  description:
    'Grype run by CI: anchore/scan-action, a `grype <image|dir:|sbom:>` command in a pipeline (or a script/make target the pipeline calls), or GitLab Container-Scanning configured with the Grype analyzer. A Makefile target or script that CI never calls does not count.',
  remediation:
    'Scan images in CI and fail on serious findings: anchore/scan-action with fail-build and severity-cutoff (GitHub), or `grype $IMAGE --fail-on high` in a pipeline job.',
} satisfies DetectorDefinition;
