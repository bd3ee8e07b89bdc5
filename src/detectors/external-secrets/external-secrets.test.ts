import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

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
});
