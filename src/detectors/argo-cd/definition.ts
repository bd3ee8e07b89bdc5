import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'argo-cd',
  name: 'Argo CD',
  kind: 'tool',
  category: 'gitops',
  description:
    'Argo CD objects in git (argoproj.io Application, ApplicationSet, AppProject), an Argo CD install (argo-cd chart, argocd images, install.yaml from argoproj/argo-cd, the argocd-cm ConfigMap), `argocd app sync|create…` runs, Argo CD GitHub actions, or the Terraform argocd provider and resources. Argo Workflows and Rollouts objects are not Argo CD; files under docs, examples or tests do not count.',
  remediation:
    'Install Argo CD (the argo-cd Helm chart or install.yaml) and declare each service as an Application (or an ApplicationSet per environment) pointing at its manifests in git, so clusters converge on what was merged.',
  component: {
    objects: [{ group: /^argoproj\.io$/, kind: /^(Application|ApplicationSet|AppProject|ArgoCD)$/ }],
    images: [/^argoproj\/argocd(-applicationset|-image-updater|-notifications)?$/, /^argoproj-labs\/argocd-(operator|image-updater|vault-plugin)$/],
    charts: [/^argo-cd$/, /^argocd(-apps|-image-updater|-applicationset|-notifications|-operator)?$/],
    terraformProviders: /^argocd$/,
    // aws-ia/eks-blueprints-addons (and the older eks-blueprints kubernetes-addons module) flags
    terraformModuleFlags: /^enable_argocd$/,
    terraformResources: /^argocd_(application|application_set|project|repository|repository_credentials|cluster|account_token)$/,
    commands: [
      /(^|[\s;&|(/])(?<!(-n|--namespace)[\s=])argocd\s+(--?[\w-]+(=\S+)?\s+)*(app|appset|proj|repo|cluster|login)\s+[a-z]/,
      /\bargoproj\/argo-cd\/[^\s]*manifests\/(ha\/)?(install|namespace-install|core-install)\.yaml/,
    ],
    ciUses: [/^[^@]*\bargo-?cd\b[^@]*@/i],
  },
  // What a live cluster shows beyond the component (src/cluster/inventory.ts).
  cluster: {
    labels: [
      { key: 'argocd.argoproj.io/instance', what: 'deployed by Argo CD' },
      { key: 'argocd.argoproj.io/tracking-id', what: 'deployed by Argo CD' },
    ],
  },
} satisfies DetectorDefinition;
