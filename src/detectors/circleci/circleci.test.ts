import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('circleci detector', () => {
  it('finds a CircleCI config with orbs, jobs and workflows', async () => {
    const result = await detectIn(detector, join(fixtures, 'orbs-app'));
    expect(places(result)).toEqual(['.circleci/config.yml:13']);
    expect(result.evidence[0]?.detail).toBe('CircleCI jobs: test, deploy');
  });

  it('ignores READMEs, a version-only file, Dockerfiles under .circleci and configs elsewhere', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-circleci'));
    expect(result.evidence).toEqual([]);
  });

  it('counts a self-hosted CircleCI runner deployed with its chart', async () => {
    const root = writeTree({
      'infra/runner.tf': 'resource "helm_release" "circleci_runner" {\n  name       = "container-agent"\n  repository = "https://packagecloud.io/circleci/container-agent/helm"\n  chart      = "container-agent"\n}\n',
    });
    expect(places(await detectIn(detector, root))).toEqual(['infra/runner.tf:4']);
  });

  it('does not throw on a config that is a list or a scalar', async () => {
    const root = writeTree({ '.circleci/config.yml': '- version\n- 2.1\n', '.circleci/other.yml': 'just text\n' });
    expect((await detectIn(detector, root)).evidence).toEqual([]);
  });
});
