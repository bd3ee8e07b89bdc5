import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('pulumi detector', () => {
  it('finds the project, the stack settings, the SDK packages and the pipeline steps of a Pulumi repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'infra'));
    expect(places(result).sort()).toEqual(
      [
        'infra/Pulumi.yaml:2',
        'infra/Pulumi.prod.yaml:2',
        'infra/requirements.txt:1',
        'infra/requirements.txt:2',
        'infra/requirements.txt:3',
        '.github/workflows/infra.yml:28',
        '.github/workflows/infra.yml:29',
        '.github/workflows/infra.yml:16',
      ].sort(),
    );
  });

  it('does not count a README, a Pulumi.yaml without runtime, a lookalike package or a commented command', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
