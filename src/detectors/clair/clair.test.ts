import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('clair detector', () => {
  it('finds clair-scanner (not its download) and the Clair services of the scan job', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitlab-clair'));
    expect(places(result)).toEqual(['.gitlab-ci.yml:23', '.gitlab-ci.yml:17', '.gitlab-ci.yml:19']);
  });

  it('ignores README mentions of clair-scanner', async () => {
    expect((await detectIn(detector, join(import.meta.dirname, '..', 'image-pipeline', 'fixtures', 'build-only'))).evidence).toEqual([]);
  });
});
