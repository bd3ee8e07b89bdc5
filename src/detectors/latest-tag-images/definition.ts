import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'latest-tag-images',
  name: 'Images deployed by :latest or without a tag',
  kind: 'anti-pattern',
  description:
    'A workload image in a manifest, chart template, chart values or compose file with `:latest` or no tag and no digest. Templated images, images replaced at deploy time (skaffold artifacts, kustomize `images:`, Tilt `docker_build`/`custom_build`, the `containers:` of an Azure Pipelines KubernetesManifest task, ko://) and compose services built locally are not flagged; Dockerfile bases are judged by eol-base-images.',
  remediation:
    'Deploy immutable references: a version tag set by the pipeline (the git SHA or a semver) or, better, a digest (`image@sha256:…`), and set imagePullPolicy accordingly.',
  // SARIF rules for code scanning (src/report/sarif.ts): written here, once.
  sarif: [
    {
      key: "latest-tag-images",
      id: "K8SM003",
      name: "UnpinnedWorkloadImage",
      short: "A workload image uses :latest or no tag",
      full: "The image of this workload is not pinned: \":latest\" or no tag means a restart can pull different code than was tested, and a rollback cannot return to a known version.",
      fix: "Pin the image to a version tag, or better to a digest (image@sha256:…), and let an update bot bump it.",
      fixMarkdown: "**Fix:** pin the image to a version tag, or better to a digest (`image@sha256:…`), and let an update bot bump it.",
      level: "warning",
      tags: [
        "reliability",
        "kubernetes",
        "supply-chain",
        "maturity-stage-4"
      ],
      precision: "high",
      severity: "warning",
      message: "Unpinned workload image{seen}. Pin it to a version tag or digest."
    }
  ],
} satisfies DetectorDefinition;
