import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'sops',
  name: 'SOPS',
  kind: 'tool',
  category: 'secrets-management',
  description:
    'Mozilla/CNCF SOPS: a .sops.yaml with creation_rules, files encrypted by SOPS (a `sops:` metadata block with mac and lastmodified), Flux Kustomizations with `decryption.provider: sops`, helm-secrets, the Terraform sops provider, or a pipeline or script that runs `sops -d`.',
  remediation:
    'Add a .sops.yaml with creation_rules (age, KMS or PGP keys), commit Secrets only in SOPS-encrypted form and decrypt them at deploy time (Flux `decryption.provider: sops`, helm-secrets, or `sops -d` in the pipeline); Sealed Secrets, External Secrets and Vault are alternatives.',
  component: {
    files: [{ path: /(^|\/)\.sops\.ya?ml$/, contains: /^creation_rules\s*:/m }],
    commands: [
      /(^|[\s;&|(/])sops\s+(-d|--decrypt|-e|--encrypt|-i|--in-place|decrypt|encrypt|exec-env|exec-file|updatekeys|edit|publish|rotate|set)(\s|$)/,
      /(^|[\s;&|(/])helm\s+secrets\s+\w/,
      /helm\s+plugin\s+install\s+\S*helm-secrets/,
    ],
    ciUses: [/^(mdgreenwald\/mozilla-sops-action|nhedger\/setup-sops|CpuID\/sops-gh-action|getsops\/sops)@/],
    terraformProviders: /^sops$/,
    terraformResources: /^sops_(file|external)$/,
  },
} satisfies DetectorDefinition;
