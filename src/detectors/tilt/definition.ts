import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'tilt',
  name: 'Tilt',
  kind: 'tool',
  category: 'dev-loop',
  description:
    'Tilt as the inner dev loop: a Tiltfile that calls k8s_yaml, docker_build, helm, local_resource, k8s_resource, custom_build or docker_compose, or `tilt up|ci` in a script, Makefile or pipeline.',
  remediation:
    'Add a Tiltfile (docker_build plus k8s_yaml or helm) so `tilt up` rebuilds and live-updates the service in a local cluster, and `tilt ci` checks it in CI.',
  // Found in a repository, it says the repository ships a service (src/scan/scan-listed.ts).
  service: true,
} satisfies DetectorDefinition;
