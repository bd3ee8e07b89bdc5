import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// skaffold is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'skaffold')!;

const fixtures = join(import.meta.dirname, '..', 'image-pipeline', 'fixtures');

describe('skaffold detector', () => {
  it('finds skaffold.yaml and skaffold dev in the Makefile', async () => {
    const result = await detectIn(detector, join(fixtures, 'service-repo'));
    expect(places(result)).toEqual(['skaffold.yaml:1', 'Makefile:12']);
  });

  it('ignores README mentions', async () => {
    expect((await detectIn(detector, join(import.meta.dirname, '..', 'tilt', 'fixtures', 'lookalikes'))).evidence).toEqual([]);
  });
});
