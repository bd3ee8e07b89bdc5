import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'minikube',
  name: 'minikube',
  kind: 'tool',
  category: 'local-cluster',
  description:
    'minikube used for local or CI clusters: `minikube start`, `minikube image load`, `eval $(minikube docker-env)` and other minikube commands in a script, Makefile or pipeline, or the medyagh/setup-minikube and manusa/actions-setup-minikube steps.',
  remediation:
    'Give developers a local cluster close to production: a `make dev` target running `minikube start` (or kind/k3d), and medyagh/setup-minikube for end-to-end tests in CI.',
} satisfies DetectorDefinition;
