import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const pipelines = join(import.meta.dirname, '..', 'image-pipeline', 'fixtures');

describe('grype detector', () => {
  it('finds grype scanning the pushed image in a GitLab job', async () => {
    const result = await detectIn(detector, join(pipelines, 'gitlab-kaniko'));
    expect(places(result)).toEqual(['.gitlab-ci.yml:43']);
  });

  it('does not count grype in a Makefile target that CI never calls', async () => {
    expect((await detectIn(detector, join(pipelines, 'build-only'))).evidence).toEqual([]);
  });
});
