import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'vault',
  name: 'HashiCorp Vault',
  kind: 'tool',
  category: 'secrets-management',
  description:
    'HashiCorp Vault (or OpenBao) as the secrets store: pods annotated `vault.hashicorp.com/agent-inject`, the vault / vault-secrets-operator / bank-vaults charts and their resources (VaultStaticSecret, VaultAuth, banzaicloud Vault), External Secrets stores with a Vault provider, the Terraform vault provider and resources, an HCP Vault cluster (hcp_vault_cluster), or a pipeline that logs in to Vault and reads secrets (`vault kv get`, hashicorp/vault-action).',
  remediation:
    'Keep secrets in Vault and deliver them to pods with the Vault Secrets Operator, the agent injector or an External Secrets store, so no secret value is committed; the cloud secret managers with External Secrets, Sealed Secrets and SOPS are alternatives.',
  component: {
    objects: [{ group: /^(secrets\.hashicorp\.com|vault\.banzaicloud\.com|ricoberger\.de)$/ }],
    charts: [/^(vault|vault-secrets-operator|vault-operator|vault-secrets-webhook|openbao)$/],
    images: [/^(hashicorp\/vault(-k8s)?|hashicorp\/vault-secrets-operator|vault|openbao\/openbao|banzaicloud\/vault-operator|bank-vaults\/vault-operator)$/],
    terraformProviders: /^vault$/,
    // aws-ia/eks-blueprints-addons (and the older eks-blueprints kubernetes-addons module) flags
    terraformModuleFlags: /^enable_vault$/,
    // hcp_vault_cluster: Vault as a managed service (HashiCorp Cloud Platform).
    terraformResources: /^(vault_[a-z0-9_]+|hcp_vault_cluster)$/,
    commands: [/(^|[\s;&|(/])(vault|bao)\s+(kv|login|read|write|token|agent|auth|secrets|operator|policy|list|lease)\b/],
    ciUses: [/^hashicorp\/vault-action@/, /^VaultReadKV@/],
  },
  // What a live cluster shows beyond the component (src/cluster/inventory.ts).
  cluster: { webhooks: /vault-agent-injector|vault\.hashicorp\.com/ },
} satisfies DetectorDefinition;
