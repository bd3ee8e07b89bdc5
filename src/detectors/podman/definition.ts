import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'podman',
  name: 'Podman',
  kind: 'tool',
  category: 'container-build',
  description:
    'Podman builds or runs containers: `podman build|push|run|pull|login|play kube|compose…` or `podman-compose` in a script, Makefile or pipeline, or the redhat-actions/podman-login and redhat-actions/push-to-registry steps.',
  remediation:
    'Build and run images with Podman (daemonless, rootless) in scripts and CI, e.g. `podman build -f Containerfile -t $IMAGE .` then `podman push $IMAGE`.',
  // Found in a repository, it says the repository ships a service (src/scan/scan-listed.ts).
  service: true,
} satisfies DetectorDefinition;
