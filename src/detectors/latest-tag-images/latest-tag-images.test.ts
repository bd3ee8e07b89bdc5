import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('latest-tag-images detector', () => {
  it('flags :latest and untagged images in manifests, chart values and compose files', async () => {
    const result = await detectIn(detector, join(fixtures, 'floating'));
    expect(places(result).sort()).toEqual(['deploy/app.yaml:14', 'deploy/app.yaml:19', 'charts/web/values.yaml:6', 'docker-compose.yml:6'].sort());
    expect(result.evidence.find((e) => e.line === 19)?.detail).toBe('image redis (no tag, manifest)');
    expect(result.evidence.find((e) => e.file.endsWith('values.yaml'))?.detail).toBe('image nginx:latest (latest tag, values)');
  });

  it('leaves Dockerfile bases, skaffold-built images, variables, digests and pinned tags alone', async () => {
    const result = await detectIn(detector, join(fixtures, 'pinned'));
    expect(result.evidence).toEqual([]);
  });

  it('leaves untagged images of Helm test hooks alone: they run on `helm test`, not in the release (stefanprodan/podinfo)', async () => {
    const result = await detectIn(detector, join(fixtures, 'chart-tests'));
    expect(result.evidence).toEqual([]);
  });
});
