import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'clair',
  name: 'Clair',
  kind: 'tool',
  category: 'vulnerability-scanner',
  description:
    'Clair run by CI: `clairctl`, `clair-scanner` or `klar` (a Clair client) in a pipeline (or a script/make target it calls), quay/clair-action, or a CI job that runs Clair beside it (arminc/clair-local-scan, arminc/clair-db, quay.io/projectquay/clair).',
  remediation:
    'Scan each image CI builds against Clair and fail on serious findings, e.g. quay/clair-action or a job with the clair-local-scan service and `clair-scanner --threshold High`.',
} satisfies DetectorDefinition;
