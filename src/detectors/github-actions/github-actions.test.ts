import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('github-actions detector', () => {
  it('finds each workflow with triggers and jobs', async () => {
    const result = await detectIn(detector, join(fixtures, 'service-repo'));
    expect(places(result).sort()).toEqual(['.github/workflows/ci.yml:13', '.github/workflows/release.yaml:5']);
    expect(result.evidence.find((e) => e.file.endsWith('ci.yml'))?.detail).toBe('workflow "CI" with jobs test, build, deploy');
  });

  it('ignores workflow templates, READMEs, job-less workflows and dependabot config', async () => {
    const result = await detectIn(detector, join(fixtures, 'not-workflows'));
    expect(result.evidence).toEqual([]);
  });

  it('counts self-hosted runners managed by actions-runner-controller', async () => {
    const root = writeTree({
      'runners/deployment.yaml': 'apiVersion: actions.summerwind.dev/v1alpha1\nkind: RunnerDeployment\nmetadata:\n  name: org-runners\nspec:\n  replicas: 2\n',
    });
    expect(places(await detectIn(detector, root))).toEqual(['runners/deployment.yaml:1']);
  });
});
