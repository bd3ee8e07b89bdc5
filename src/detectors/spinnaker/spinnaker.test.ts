import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('spinnaker detector', () => {
  it('finds pipelines as code, Halyard, the operator, Terraform and spin in CI', async () => {
    const result = await detectIn(detector, join(fixtures, 'delivery'));
    expect(places(result).sort()).toEqual([
      '.gitlab-ci.yml:7',
      '.hal/config:2',
      'deploy/spinnaker.yaml:6',
      'dinghyfile:2',
      'pipelines/deploy-api.json:9',
      'terraform/main.tf:3',
    ]);
    expect(result.evidence.find((e) => e.file === 'pipelines/deploy-api.json')?.detail).toBe('Spinnaker pipeline (deployManifest stage)');
  });

  it('ignores GitLab stages, dashboards with refIds and README mentions', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });

  it('reads a YAML pipeline with linked generic stages and survives broken JSON', async () => {
    const root = writeTree({
      'spinnaker/smoke.yml': 'name: smoke\nstages:\n  - refId: "1"\n    requisiteStageRefIds: []\n    type: webhook\n',
      'pipelines/broken.json': '{ "stages": [ { "refId": ',
    });
    expect(places(await detectIn(detector, root))).toEqual(['spinnaker/smoke.yml:2']);
  });
});
