import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'k8s-manifests',
  name: 'Kubernetes manifests',
  kind: 'tool',
  category: 'manifest-format',
  description:
    'Plain YAML files holding Kubernetes objects (apps/v1 Deployment, v1 Service, batch/v1 CronJob, networking.k8s.io Ingress, custom resources…), one place per file. Helm chart templates, kustomize patch files, kustomization files and tool configuration that merely borrows apiVersion/kind (kubeconfig, kind, eksctl, kubeadm, Backstage, skaffold) are not manifests; nor are files under docs, examples or tests (a root `testing/` folder and an Ansible role named `testing` included), files named as samples (`example-ingress.yaml`, `deployment.sample.yaml`), or Pods annotated `helm.sh/hook: test`.',
  remediation:
    'Keep every object a service needs (Deployment, Service, Ingress, ConfigMap…) as YAML in git next to its code or in a deploy repository, and apply only what is in git; template it with Helm or kustomize overlays once environments differ.',
} satisfies DetectorDefinition;
