import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('aks detector', () => {
  it('finds the AKS module, node pool and azapi cluster, Bicep and ARM managed clusters and az aks in a pipeline', async () => {
    const result = await detectIn(detector, join(fixtures, 'azure-platform'));
    expect(places(result).sort()).toEqual(
      [
        'bicep/modules/aks.bicep:5',
        'arm/aks.json:6',
        'terraform/aks.tf:17',
        'terraform/aks.tf:10',
        'terraform/aks.tf:1',
        'pipelines/azure-pipelines.yml:18',
      ].sort(),
    );
  });

  it('does not count a README, a docs Bicep example, a comment or other Azure resources', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
