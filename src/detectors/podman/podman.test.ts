import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, '..', 'tilt', 'fixtures');

describe('podman detector', () => {
  it('finds podman build and run in a CI step', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-dev'));
    expect(places(result)).toEqual(['.github/workflows/e2e.yml:15', '.github/workflows/e2e.yml:16']);
  });

  it('ignores README mentions of podman build', async () => {
    expect((await detectIn(detector, join(fixtures, 'lookalikes'))).evidence).toEqual([]);
  });
});
