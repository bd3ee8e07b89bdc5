import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// k3d is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'k3d')!;

const fixtures = join(import.meta.dirname, '..', 'tilt', 'fixtures');

describe('k3d detector', () => {
  it('finds the k3d Simple config, the create command (not the one inside a message) and the CI action', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-dev'));
    expect(places(result)).toEqual(['k3d.yaml:1', 'scripts/dev-up.sh:8', '.github/workflows/e2e.yml:8']);
  });

  it('ignores README mentions', async () => {
    expect((await detectIn(detector, join(fixtures, 'lookalikes'))).evidence).toEqual([]);
  });
});
