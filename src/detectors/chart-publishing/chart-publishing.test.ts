import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('chart-publishing detector', () => {
  it('finds chart-releaser (action and config) and an OCI helm push', async () => {
    const result = await detectIn(detector, join(fixtures, 'chart-repo'));
    expect(places(result)).toEqual(['.github/workflows/release.yml:33', '.github/workflows/release.yml:24', 'cr.yaml:1']);
  });

  it('does not count helm package alone, an unrelated S3 upload, a release script CI never runs or a README', async () => {
    expect((await detectIn(detector, join(fixtures, 'package-only'))).evidence).toEqual([]);
  });
});
