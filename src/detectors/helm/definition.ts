import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'helm',
  name: 'Helm',
  kind: 'tool',
  category: 'manifest-format',
  description:
    'Helm charts kept in git (a Chart.yaml), releases of charts declared in helmfile, Terraform helm_release (or the helm provider its modules use), Argo CD, Flux, kustomize helmCharts, Ansible helm tasks, CloudFormation AWSQS::Kubernetes::Helm, AWS CDK or Pulumi programs (addHelmChart, eks.HelmChart, EKS Blueprints add-ons, helm.v3.Chart/Release, helm.v4.Chart, in any of their languages) or a HelmChart object of the k3s/RKE2 helm-controller (also in a Terraform template file), or a pipeline step that runs helm install/upgrade/template/package.',
  remediation:
    'Package each service as a Helm chart (or kustomize base) in git, with values per environment, so a deployment is a reviewed change instead of a hand-run kubectl command.',
  component: {
    commands: [/(^|[\s;&|(/])helm\s+(upgrade|install|template|package|push|lint|dependency)\b/],
    ciUses: [/^azure\/setup-helm@|^helm\/chart-releaser-action@|^helm\/chart-testing-action@|^circleci\/helm@|^HelmDeploy@|^HelmInstaller@/],
    files: [{ path: /(^|\/)helmfile(\.d\/[^/]+|[^/]*)\.ya?ml(\.gotmpl)?$/i, contains: /^\s*releases\s*:/m }],
  },
} satisfies DetectorDefinition;
