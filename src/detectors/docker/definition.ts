import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'docker',
  name: 'Docker (Dockerfile)',
  kind: 'tool',
  category: 'container-build',
  description:
    'A Dockerfile or Containerfile (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile) with at least one FROM instruction; the evidence is its first FROM line. Documentation files named like a Dockerfile, test fixtures and the Dockerfile of a helper GitHub action under .github/ (CI machinery, not the service) do not count.',
  remediation:
    'Containerize each service with a multi-stage Dockerfile at the repository root: build in a full toolchain image, copy the artefact into a small pinned runtime image (distroless, alpine, slim), run as a non-root user.',
  // Found in a repository, it says the repository ships a service (src/scan/scan-listed.ts).
  service: true,
} satisfies DetectorDefinition;
