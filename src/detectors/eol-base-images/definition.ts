import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'eol-base-images',
  name: 'End-of-life base images',
  kind: 'anti-pattern',
  description:
    'A Dockerfile stage FROM an image whose version reached end of life (alpine 3.6, node 14, python 3.7, ubuntu 18.04, debian stretch…), judged by the end-of-life table shipped with the detector (eol-table.json, dated). ARG-substituted bases are resolved; internal stages and scratch are skipped; versions the table does not know are never flagged.',
  remediation:
    'Move the stage to a supported release of the same image (or a distroless/minimal base), and let Renovate or Dependabot propose base-image updates so it does not age again.',
} satisfies DetectorDefinition;
