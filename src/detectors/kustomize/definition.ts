import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'kustomize',
  name: 'Kustomize',
  kind: 'tool',
  category: 'manifest-format',
  description:
    'A kustomization (kustomization.yaml/.yml or Kustomization) that lists resources, bases, components, patches, generators or images, or a pipeline or script step that runs `kustomize build`, `kustomize edit`, `kubectl kustomize` or `kubectl apply -k`, or the Terraform kustomization provider (kustomization_build, kustomization_resource). A Flux Kustomization object alone is Flux, not kustomize; files under docs, examples or tests do not count.',
  remediation:
    'Keep a kustomize base per service and one overlay per environment (namespace, image tag, replicas as patches), and build it in CI with `kustomize build overlays/<env>` so reviewers see what changes.',
  component: {
    // Terraform's kustomization provider (kbst/kustomization) builds and applies kustomizations.
    terraformProviders: /^kustomization$/,
    terraformResources: /^kustomization_(resource|build|overlay)$/,
    commands: [
      // A remote target (`kubectl apply -k https://github.com/…/config/crd`) installs someone else's
      // kustomization; it does not show that this repository keeps any.
      /(^|[\s;&|(/])kustomize\s+(build|edit|create|cfg)\b(?!\s+["']?(https?:\/\/|github\.com\/|git@|git::|ssh:\/\/))/,
      /(^|[\s;&|(/])(kubectl|oc)\s+([^\s|;&]+\s+)*?(apply|delete|diff|create)\s+([^\s|;&]+\s+)*?(-k|--kustomize)(\s*$|(\s+|=)(?!["']?(https?:\/\/|github\.com\/|git@|git::|ssh:\/\/)))/,
      /(^|[\s;&|(/])(kubectl|oc)\s+kustomize\b/,
    ],
    ciUses: [/^imranismail\/setup-kustomize@|^karancode\/kustomize-github-action@|^syntaqx\/setup-kustomize@|^multani\/action-setup-kustomize@/i],
  },
} satisfies DetectorDefinition;
