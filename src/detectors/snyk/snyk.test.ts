import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('snyk detector', () => {
  it('finds npx snyk test, the snyk/scan orb step and the Jenkins snykSecurity step, not its comment', async () => {
    const result = await detectIn(detector, join(fixtures, 'circleci-snyk'));
    expect(places(result)).toEqual(['.circleci/config.yml:17', 'Jenkinsfile:7', '.circleci/config.yml:18']);
  });

  it('does not count snyk in a Makefile target that CI never calls or a dependency in package.json', async () => {
    expect((await detectIn(detector, join(import.meta.dirname, '..', 'image-pipeline', 'fixtures', 'build-only'))).evidence).toEqual([]);
  });
});
