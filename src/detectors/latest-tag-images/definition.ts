import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'latest-tag-images',
  name: 'Images deployed by :latest or without a tag',
  kind: 'anti-pattern',
  description:
    'A workload image in a manifest, chart template, chart values or compose file with `:latest` or no tag and no digest. Templated images, images replaced at deploy time (skaffold artifacts, kustomize `images:`, Tilt, ko://) and compose services built locally are not flagged; Dockerfile bases are judged by eol-base-images.',
  remediation:
    'Deploy immutable references: a version tag set by the pipeline (the git SHA or a semver) or, better, a digest (`image@sha256:…`), and set imagePullPolicy accordingly.',
} satisfies DetectorDefinition;
