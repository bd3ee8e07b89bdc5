import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'flux',
  name: 'Flux',
  kind: 'tool',
  category: 'gitops',
  description:
    'Flux custom resources in git (source.toolkit.fluxcd.io GitRepository/HelmRepository/OCIRepository, kustomize.toolkit.fluxcd.io Kustomization, helm.toolkit.fluxcd.io HelmRelease, notification and image automation; Flux v1 HelmRelease), the flux-system install (gotk-components.yaml, controller images, flux2 chart), `flux bootstrap|install|reconcile|create` runs, the fluxcd/flux2 GitHub action, or the Terraform flux provider. Files under docs, examples or tests do not count.',
  remediation:
    'Bootstrap Flux on each cluster (`flux bootstrap github|gitlab …` or the Terraform flux provider) and describe what runs there as GitRepository + Kustomization/HelmRelease objects in git, so the cluster pulls reviewed changes instead of CI pushing them.',
  component: {
    objects: [
      { group: /^((source|kustomize|helm|notification|image)\.toolkit|source\.extensions)\.fluxcd\.io$/ },
      { group: /^(helm\.fluxcd\.io|flux\.weave\.works)$/, kind: /^(HelmRelease|FluxHelmRelease)$/ },
      { group: /^fluxcd\.controlplane\.io$/, kind: /^(FluxInstance|ResourceSet)$/ },
    ],
    images: [/^fluxcd\/(source|kustomize|helm|notification|image-reflector|image-automation|source-watcher)-controller$/, /^fluxcd\/(flux|helm-operator|flux-operator)$/, /^weaveworks\/(flux|helm-operator)$/],
    charts: [/^flux2?$/, /^flux2-sync$/, /^flux-operator$/, /^flux-instance$/, /^helm-operator$/],
    terraformProviders: /^flux$/,
    terraformResources: /^flux_bootstrap(_git)?$/,
    commands: [/(^|[\s;&|(/])(?<!(-n|--namespace)[\s=])flux\s+(--?[\w-]+(=\S+)?\s+)*(bootstrap|install|reconcile|create|suspend|resume|push\s+artifact|build\s+kustomization|diff\s+kustomization)\b/, /(^|[\s;&|(/])fluxctl\s+(sync|release|automate|list-workloads)\b/],
    ciUses: [/^fluxcd\/flux2(\/action)?@/i],
    files: [{ path: /(^|\/)gotk-components\.ya?ml$/, contains: /toolkit\.fluxcd\.io/ }],
  },
  // What a live cluster shows beyond the component (src/cluster/inventory.ts).
  cluster: {
    labels: [
      { key: 'kustomize.toolkit.fluxcd.io/name', what: 'deployed by a Flux Kustomization' },
      { key: 'helm.toolkit.fluxcd.io/name', what: 'deployed by a Flux HelmRelease' },
    ],
  },
} satisfies DetectorDefinition;
