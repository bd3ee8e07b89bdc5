import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('packer detector', () => {
  it('finds HCL and legacy JSON templates and the Makefile build of a node-image repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'node-images'));
    expect(places(result).sort()).toEqual(
      [
        'images/ubuntu/node.pkr.hcl:1',
        'legacy/bastion.json:5',
        'Makefile:5',
        'Makefile:6',
      ].sort(),
    );
  });

  it('does not count webpacker, a "builders" key that is not a builder list, a README or a commented command', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
