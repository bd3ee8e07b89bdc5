import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'static-secrets',
  name: 'Secrets committed in plain text',
  kind: 'anti-pattern',
  description:
    'A committed v1 Secret with literal data or stringData values (base64 is not encryption), or a kustomize secretGenerator with `literals:`. Not counted: templated values (Helm `{{ }}`, ${VAR}, <placeholder>, CHANGEME), empty values, references resolved at apply time (`op://`, `vault:`, `ref+`), keys that name who or where rather than a credential (`username`, `DB_HOST`, `SMTP_PORT`, `ACCESS_KEY_ID`, unless the value embeds `user:password@`), SOPS-encrypted files, SealedSecrets, secretGenerators reading envs/files (their content may not be committed), and Secrets under test, fixture, example or docs folders.',
  remediation:
    'Remove the literal values from git (and rotate them: they are in the history), then deliver them with External Secrets, Vault, Sealed Secrets or SOPS-encrypted files.',
  // SARIF rules for code scanning (src/report/sarif.ts): written here, once.
  sarif: [
    {
      key: "static-secrets",
      id: "K8SM001",
      name: "StaticSecretInGit",
      short: "A Kubernetes Secret with literal values is committed",
      full: "A Secret manifest carries its values (data or stringData) in git. Anyone who can read the repository, its forks or its history can read them, and it blocks the secrets-management capability of stage 5.",
      fix: "Move the values to a secret store (HashiCorp Vault, AWS Secrets Manager…) and sync them with External Secrets, or encrypt the file with Sealed Secrets or SOPS. Delete the plaintext manifest and rotate every value that was committed: it stays in git history.",
      fixMarkdown: "**Fix:** move the values to a secret store (HashiCorp Vault, a cloud secret manager) and sync them with [External Secrets](https://external-secrets.io), or encrypt the file with Sealed Secrets or SOPS.\n\nThen delete the plaintext manifest and **rotate every value that was committed**: it stays in git history.",
      level: "error",
      tags: [
        "security",
        "kubernetes",
        "secrets",
        "maturity-stage-5"
      ],
      precision: "high",
      severity: "error",
      message: "Committed Secret with literal values{seen}. Move it to a secret manager and rotate the values."
    },
    {
      key: "unmanaged-secrets",
      id: "K8SM005",
      name: "SecretWithoutManager",
      short: "A Secret is not managed by a secret manager",
      full: "This Secret is neither synced from a secret store (External Secrets, Vault) nor encrypted in git (Sealed Secrets, SOPS), so its values live and rotate by hand.",
      fix: "Create the Secret from a secret store with an ExternalSecret (or a Vault integration), or commit it encrypted with Sealed Secrets or SOPS.",
      fixMarkdown: "**Fix:** create the Secret from a secret store with an `ExternalSecret` (or a Vault integration), or commit it encrypted with Sealed Secrets or SOPS.",
      level: "note",
      tags: [
        "security",
        "kubernetes",
        "secrets",
        "maturity-stage-5"
      ],
      precision: "medium",
      severity: "recommendation",
      message: "Secret not managed by a secret manager{seen}.",
      capability: "secrets-management"
    }
  ],
} satisfies DetectorDefinition;
