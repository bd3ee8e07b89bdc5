import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const pipelines = join(import.meta.dirname, '..', 'image-pipeline', 'fixtures');

describe('trivy detector', () => {
  it('finds trivy-action in a GitHub workflow', async () => {
    expect(places(await detectIn(detector, join(pipelines, 'service-repo')))).toEqual(['.github/workflows/ci.yml:34']);
  });

  it('finds a script CI calls and the GitLab Container-Scanning include (Trivy analyzer), once', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitlab-scans'));
    expect(places(result)).toEqual(['ci/scan-config.sh:4', '.gitlab-ci.yml:3']);
  });

  it('does not count a scan in a Makefile target that CI never calls, an echo or a README', async () => {
    expect((await detectIn(detector, join(pipelines, 'build-only'))).evidence).toEqual([]);
  });
});
