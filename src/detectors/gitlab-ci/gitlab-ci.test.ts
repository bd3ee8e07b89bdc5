import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('gitlab-ci detector', () => {
  it('finds the root pipeline and its included job file', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitlab-service'));
    expect(places(result).sort()).toEqual(['.gitlab-ci.yml:1', '.gitlab/ci/deploy.gitlab-ci.yml:6']);
    expect(result.evidence.find((e) => e.file === '.gitlab-ci.yml')?.detail).toBe('GitLab CI jobs: unit-tests, build-image');
  });

  it('ignores READMEs, documentation examples and variables-only files', async () => {
    const result = await detectIn(detector, join(fixtures, 'not-gitlab'));
    expect(result.evidence).toEqual([]);
  });

  it('counts runners installed with the gitlab-runner chart and reads what it can of a broken pipeline', async () => {
    const root = writeTree({
      'helmfile.yaml': 'releases:\n  - name: runner\n    namespace: gitlab\n    chart: gitlab/gitlab-runner\n',
      '.gitlab-ci.yml': 'stages: [build\n',
    });
    expect(places(await detectIn(detector, root)).sort()).toEqual(['.gitlab-ci.yml:1', 'helmfile.yaml:4']);
  });
});
