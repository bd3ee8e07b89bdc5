import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// devspace is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'devspace')!;

const fixtures = join(import.meta.dirname, '..', 'tilt', 'fixtures');

describe('devspace detector', () => {
  it('finds devspace.yaml and devspace deploy in CI, not the one quoted in a message', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-dev'));
    expect(places(result)).toEqual(['devspace.yaml:1', '.github/workflows/e2e.yml:18']);
  });

  it('does not take another file named devspace.yaml for DevSpace configuration', async () => {
    expect((await detectIn(detector, join(fixtures, 'lookalikes'))).evidence).toEqual([]);
  });
});
