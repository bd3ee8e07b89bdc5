import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('cloudformation detector', () => {
  it('finds YAML and SAM JSON templates, the CDK app and the deploy steps of an AWS platform repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'aws-platform'));
    expect(places(result).sort()).toEqual(
      [
        'serverless/template.json:3',
        'templates/network.yaml:1',
        'cdk/cdk.json:2',
        'cdk/package.json:10',
        'cdk/package.json:6',
        '.gitlab-ci.yml:14',
        '.gitlab-ci.yml:23',
      ].sort(),
    );
  });

  it('does not count a README, a Kubernetes annotation, a values file, docs examples or an SDK client', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
