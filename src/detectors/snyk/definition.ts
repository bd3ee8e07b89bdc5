import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'snyk',
  name: 'Snyk',
  kind: 'tool',
  category: 'vulnerability-scanner',
  description:
    'Snyk run by CI: snyk/actions/* (other than setup), `snyk test|monitor|container test|iac test|code test` in a pipeline (or a script/make target it calls), the snyk/snyk CircleCI orb, the SnykSecurityScan Azure task, the Jenkins snykSecurity step, or a `.snyk` policy file (with its `version:`). A dependency on the snyk package alone does not count.',
  remediation:
    'Run `snyk container test $IMAGE --severity-threshold=high` (and `snyk test` for dependencies) in CI, or add snyk/actions/docker, the snyk/snyk orb or the SnykSecurityScan task.',
} satisfies DetectorDefinition;
