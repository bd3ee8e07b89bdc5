import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'eol-base-images',
  name: 'End-of-life base images',
  kind: 'anti-pattern',
  description:
    'A Dockerfile stage FROM an image whose version reached end of life (alpine 3.6, node 14, python 3.7, ubuntu 18.04, debian stretch, tomcat 8.5, mysql 5.7, mongo 4.4, amazonlinux 2…), judged by the end-of-life table shipped with the detector (eol-table.json, dated). ARG-substituted bases are resolved; internal stages and scratch are skipped; versions the table does not know are never flagged. Go toolchain images republished under another registry (quay.io/projectquay/golang:1.20) are judged by their Go version; the deprecated `java` image is end of life since Docker froze it (2016-12-31), while `openjdk:8` is not flagged (Java 8 is still an LTS).',
  remediation:
    'Move the stage to a supported release of the same image (or a distroless/minimal base), and let Renovate or Dependabot propose base-image updates so it does not age again.',
  // SARIF rules for code scanning (src/report/sarif.ts): written here, once.
  sarif: [
    {
      key: "eol-base-images",
      id: "K8SM002",
      name: "EndOfLifeBaseImage",
      short: "A Dockerfile starts from an end-of-life base image",
      full: "The base image of this Dockerfile is a release that no longer receives security fixes, so every image built from it ships known vulnerabilities. It blocks the fresh-base-images capability of stage 4.",
      fix: "Move FROM to a supported release of the same image (or a distroless/minimal image), rebuild and run the tests. Let Renovate or Dependabot propose base image updates from now on.",
      fixMarkdown: "**Fix:** move `FROM` to a supported release of the same image (or a distroless/minimal image), rebuild and run the tests.\n\nLet Renovate or Dependabot propose base image updates from now on.",
      level: "error",
      tags: [
        "security",
        "docker",
        "supply-chain",
        "maturity-stage-4"
      ],
      precision: "high",
      severity: "error",
      message: "End-of-life base image{seen}. Move to a supported release."
    }
  ],
} satisfies DetectorDefinition;
