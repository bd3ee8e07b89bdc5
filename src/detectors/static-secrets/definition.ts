import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'static-secrets',
  name: 'Secrets committed in plain text',
  kind: 'anti-pattern',
  description:
    'A committed v1 Secret with literal data or stringData values (base64 is not encryption), or a kustomize secretGenerator with `literals:`. Not counted: templated values (Helm `{{ }}`, ${VAR}, <placeholder>, CHANGEME), empty values, SOPS-encrypted files, SealedSecrets, secretGenerators reading envs/files (their content may not be committed), and Secrets under test, fixture, example or docs folders.',
  remediation:
    'Remove the literal values from git (and rotate them: they are in the history), then deliver them with External Secrets, Vault, Sealed Secrets or SOPS-encrypted files.',
} satisfies DetectorDefinition;
