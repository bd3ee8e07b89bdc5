import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, '..', 'image-pipeline', 'fixtures');

describe('kaniko detector', () => {
  it('finds the kaniko job image and the executor command of a GitLab job', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitlab-kaniko'));
    expect(places(result)).toEqual(['.gitlab-ci.yml:23', '.gitlab-ci.yml:28']);
  });

  it('ignores README mentions', async () => {
    expect((await detectIn(detector, join(fixtures, 'build-only'))).evidence).toEqual([]);
  });
});
