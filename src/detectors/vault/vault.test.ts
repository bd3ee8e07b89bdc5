import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('vault detector', () => {
  it('finds agent injection, a Vault-backed ClusterSecretStore, Terraform and Vault steps in CI', async () => {
    const result = await detectIn(detector, join(fixtures, 'vault-users'));
    expect(places(result).sort()).toEqual(
      [
        'deploy/api.yaml:12',
        'deploy/api.yaml:14',
        'secrets/cluster-store.yaml:7',
        'terraform/vault/main.tf:3',
        'terraform/vault/main.tf:10',
        'terraform/vault/main.tf:15',
        '.github/workflows/deploy.yml:14',
        '.github/workflows/deploy.yml:23',
        '.github/workflows/deploy.yml:24',
      ].sort(),
    );
    // Annotations name the Vault path, never a secret value.
    expect(JSON.stringify(result)).not.toContain('REGISTRY_TOKEN');
  });

  it('does not count a README, ansible-vault, Azure Key Vault or agent-inject "false"', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-vault'));
    expect(result.evidence).toEqual([]);
  });
});
