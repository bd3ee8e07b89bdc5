import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// minikube is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'minikube')!;

const fixtures = join(import.meta.dirname, '..', 'tilt', 'fixtures');

describe('minikube detector', () => {
  it('finds minikube start, docker-env in a script and the setup action in CI', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-dev'));
    expect(places(result)).toEqual(['scripts/dev-up.sh:5', 'scripts/dev-up.sh:6', '.github/workflows/e2e.yml:17']);
  });

  it('ignores echo lines and README mentions', async () => {
    expect((await detectIn(detector, join(fixtures, 'lookalikes'))).evidence).toEqual([]);
  });
});
