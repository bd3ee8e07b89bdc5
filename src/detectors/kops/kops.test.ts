import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('kops detector', () => {
  it('finds kOps specs, the Terraform kOps generated and the kops steps of a CircleCI job', async () => {
    const result = await detectIn(detector, join(fixtures, 'kops-state'));
    expect(places(result).sort()).toEqual(
      [
        'terraform/prod/kubernetes.tf:19',
        'clusters/prod/cluster.yaml:1',
        'clusters/prod/cluster.yaml:16',
        '.circleci/config.yml:11',
        '.circleci/config.yml:12',
      ].sort(),
    );
  });

  it('does not count a kOps node selector, a commented tag or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
