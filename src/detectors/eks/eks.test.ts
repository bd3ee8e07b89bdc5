import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('eks detector', () => {
  it('finds the EKS module and add-on, CloudFormation EKS resources, an eksctl ClusterConfig and the deploy steps', async () => {
    const result = await detectIn(detector, join(fixtures, 'aws-platform'));
    expect(places(result).sort()).toEqual(
      [
        'cfn/sandbox.yaml:7',
        'cfn/sandbox.yaml:12',
        'terraform/eks/main.tf:19',
        'terraform/eks/main.tf:1',
        'eksctl/staging.yaml:1',
        '.github/workflows/deploy.yml:14',
        '.github/workflows/deploy.yml:15',
      ].sort(),
    );
  });

  it('does not count a README, a docs example, a comment, an EKS API client or unrelated AWS resources', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
