import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// external-secrets is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'external-secrets')!;

const fixtures = join(import.meta.dirname, 'fixtures');

describe('external-secrets detector', () => {
  it('finds the chart release, the ClusterSecretStore and an ExternalSecret', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-secrets'));
    expect(places(result).sort()).toEqual(
      ['infrastructure/external-secrets/release.yaml:10', 'infrastructure/external-secrets/cluster-store.yaml:1', 'apps/payments/external-secret.yaml:1'].sort(),
    );
  });

  it('does not count a README or a ConfigMap that names the API group', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-external-secrets'));
    expect(result.evidence).toEqual([]);
  });

  it('finds the add-on flag and the stores and secrets applied from Terraform heredocs (kubectl_manifest, kubernetes_manifest)', async () => {
    const result = await detectIn(detector, join(fixtures, 'terraform-eks'));
    expect(places(result)).toEqual(['platform/secrets.tf:8', 'platform/secrets.tf:13', 'platform/secrets.tf:29', 'platform/secrets.tf:47']);
    expect(result.evidence.map((e) => e.detail)).toContain('external-secrets.io/v1beta1 ClusterSecretStore {{…}}');
  });
});
