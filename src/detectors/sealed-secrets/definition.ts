import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'sealed-secrets',
  name: 'Sealed Secrets',
  kind: 'tool',
  category: 'secrets-management',
  description:
    'Bitnami Sealed Secrets: SealedSecret objects (bitnami.com) committed instead of Secrets, the sealed-secrets controller chart or image, or a pipeline or script that runs `kubeseal`.',
  remediation:
    'Install the sealed-secrets controller, encrypt each Secret with `kubeseal` and commit only the SealedSecret; External Secrets with a secret manager, Vault and SOPS are alternatives.',
  component: {
    objects: [{ group: /^bitnami\.com$/, kind: /^SealedSecret$/ }],
    charts: [/^sealed-secrets(-controller)?$/],
    images: [/^(bitnami|bitnami-labs|bitnamilabs)\/sealed-secrets-controller$/, /^bitnami-labs\/sealed-secrets\/controller$/],
    commands: [/(^|[\s;&|(/])kubeseal(\s|$)/],
  },
} satisfies DetectorDefinition;
