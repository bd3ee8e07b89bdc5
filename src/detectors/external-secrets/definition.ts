import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'external-secrets',
  name: 'External Secrets Operator',
  kind: 'tool',
  category: 'secrets-management',
  description:
    'External Secrets Operator: ExternalSecret, SecretStore, ClusterSecretStore, ClusterExternalSecret or PushSecret objects (external-secrets.io, and the older kubernetes-client.io ExternalSecret), the external-secrets chart or image, or its CRDs committed.',
  remediation:
    'Install the external-secrets chart, declare a ClusterSecretStore for your secret manager (Vault, AWS Secrets Manager, GCP Secret Manager, Azure Key Vault) and replace committed Secrets with ExternalSecret objects that name the remote key.',
  component: {
    objects: [{ group: /^external-secrets\.io$/ }, { group: /^kubernetes-client\.io$/, kind: /^ExternalSecret$/ }],
    charts: [/^(external-secrets|kubernetes-external-secrets)$/],
    // aws-ia/eks-blueprints-addons (and the older eks-blueprints kubernetes-addons module) flags
    terraformModuleFlags: /^enable_external_secrets$/,
    images: [/^external-secrets\/(external-secrets|kubernetes-external-secrets)$/, /^godaddy\/kubernetes-external-secrets$/],
  },
} satisfies DetectorDefinition;
