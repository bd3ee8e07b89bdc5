import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('buildah detector', () => {
  it('finds redhat-actions/buildah-build and the Tekton buildah task', async () => {
    const result = await detectIn(detector, join(fixtures, 'tekton-buildah'));
    expect(places(result)).toEqual(['.github/workflows/image.yml:12', '.tekton/pipeline.yaml:20']);
  });

  it('ignores README mentions', async () => {
    expect((await detectIn(detector, join(import.meta.dirname, '..', 'tilt', 'fixtures', 'lookalikes'))).evidence).toEqual([]);
  });
});
