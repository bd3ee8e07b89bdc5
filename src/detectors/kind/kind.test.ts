import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// kind is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'kind')!;

const fixtures = join(import.meta.dirname, '..', 'image-pipeline', 'fixtures');
const lookalikes = join(import.meta.dirname, '..', 'tilt', 'fixtures', 'lookalikes');

describe('kind detector', () => {
  it('finds the kind Cluster config and the make dev target that creates the cluster', async () => {
    const result = await detectIn(detector, join(fixtures, 'service-repo'));
    expect(places(result)).toEqual(['hack/kind.yaml:2', 'Makefile:11', 'Makefile:15']);
  });

  it('does not count another Cluster kind, echo lines, READMEs or notes', async () => {
    expect((await detectIn(detector, lookalikes)).evidence).toEqual([]);
    expect((await detectIn(detector, join(fixtures, 'build-only'))).evidence).toEqual([]);
  });
});
