import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// tilt is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'tilt')!;

const fixtures = join(import.meta.dirname, 'fixtures');

describe('tilt detector', () => {
  it('points at the first Tilt call of the Tiltfile, past comments, and finds tilt ci and tilt up', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-dev'));
    expect(places(result)).toEqual(['Tiltfile:7', '.github/workflows/e2e.yml:12', 'scripts/dev-up.sh:11']);
  });

  it('ignores a Tiltfile with only comments, a docs page named Tiltfile.md and Makefile echo lines', async () => {
    expect((await detectIn(detector, join(fixtures, 'lookalikes'))).evidence).toEqual([]);
  });
});
