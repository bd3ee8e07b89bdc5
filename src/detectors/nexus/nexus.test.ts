import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, '..', 'image-pipeline', 'fixtures');

describe('nexus detector', () => {
  it('finds pushes, a base image and Maven settings on Nexus, not the commented-out URL', async () => {
    const result = await detectIn(detector, join(fixtures, 'jenkins-nexus'));
    expect(places(result)).toEqual(['Jenkinsfile:38', 'Jenkinsfile:39', 'Dockerfile:1', '.mvn/settings.xml:6', 'pom.xml:9']);
  });

  it('finds nothing in a repository that uses other registries', async () => {
    expect((await detectIn(detector, join(fixtures, 'service-repo'))).evidence).toEqual([]);
  });
});
