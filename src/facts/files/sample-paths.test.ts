import { describe, expect, it } from 'vitest';
import { isNotOwnUse, isProse, isSampleOrDocPath, isSamplePath, isTestDataPath } from './paths.js';
import { withoutSamples } from './sample-paths.js';

describe('stricter own-use filters', () => {
  it('each drops everything the scan-wide isNotOwnUse drops', () => {
    for (const path of ['docs/a.yaml', 'examples/x/Dockerfile', 'demo/ci.yml', 'pkg/testdata/k.yaml', 'mocks/m.sh', 'README.md', 'notes.txt']) {
      expect(isNotOwnUse(path), path).toBe(true);
      for (const filter of [isSamplePath, isTestDataPath, isSampleOrDocPath, isProse]) expect(filter(path), `${filter.name} ${path}`).toBe(true);
    }
  });

  it('keeps the extra folders each group of detectors drops, and only those', () => {
    expect(isSamplePath('test/e2e/deploy.yaml')).toBe(true);
    expect(isSamplePath('documentation/k8s.yaml')).toBe(true);
    expect(isTestDataPath('test/Dockerfile')).toBe(false);
    expect(isTestDataPath('lint/fixture/Dockerfile')).toBe(true);
    expect(isTestDataPath('__snapshots__/Dockerfile')).toBe(true);
    expect(isTestDataPath('documentation/Dockerfile')).toBe(false);
    expect(isSampleOrDocPath('documentation/build.sh')).toBe(true);
    expect(isProse('documentation/site.yml')).toBe(true);
    expect(isProse('test-data/site.yml')).toBe(false);
    for (const filter of [isSamplePath, isTestDataPath, isSampleOrDocPath, isProse]) expect(filter('deploy/k8s/api.yaml'), filter.name).toBe(false);
  });

  it('a samples folder with a suffix is a sample; hack/ data sets up test clusters, hack/ scripts stay', () => {
    for (const path of ['sample-manifests/istio/gateway.yaml', 'samples_k8s/app.yaml', 'apps/sample-apps/x/deploy.yaml']) expect(isNotOwnUse(path), path).toBe(true);
    expect(isNotOwnUse('charts/sampler/values.yaml')).toBe(false);
    expect(isSamplePath('hack/metallb-config.yaml')).toBe(true);
    expect(isSamplePath('hack/kind/cluster.json')).toBe(true);
    expect(isSamplePath('hack/release.sh')).toBe(false);
    expect(isSamplePath('hackathon/app.yaml')).toBe(false);
  });

  it('drops sample places and printed commands, and shows template values readably', () => {
    const kept = withoutSamples([
      { file: 'tests/app.yaml', line: 1, detail: 'x' },
      { file: 'ci.sh', line: 2, detail: 'runs `echo "kustomize build"`' },
      { file: 'deploy/app.yaml', line: 3, detail: 'image __TPL__' },
    ]);
    expect(kept).toEqual([{ file: 'deploy/app.yaml', line: 3, detail: 'image {{…}}' }]);
  });
});
