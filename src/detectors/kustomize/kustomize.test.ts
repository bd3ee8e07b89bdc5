import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, fixtureRepo, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';
import { kustomizations } from '../../facts/k8s/kustomizations.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('kustomize detector', () => {
  it('finds bases, overlays and the kustomize steps of a GitOps repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitops'));
    expect(places(result).sort()).toEqual([
      '.gitlab-ci.yml:14',
      'Makefile:4',
      'apps/checkout/base/kustomization.yaml:4',
      'apps/checkout/overlays/prod/kustomization.yml:2',
    ]);
  });

  it('does not count a Flux Kustomization, even in a file named kustomization.yaml', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitops'));
    expect(places(result).some((p) => p.startsWith('clusters/'))).toBe(false);
  });

  it('knows which files an overlay patches (k8s-manifests skips them)', async () => {
    const repo = await fixtureRepo(join(fixtures, 'gitops'));
    const overlay = kustomizations(repo).find((k) => k.file.includes('overlays'));
    expect(overlay?.patchFiles).toEqual(['apps/checkout/overlays/prod/replicas.yaml']);
  });

  it('ignores READMEs, commented commands, docs and files that merely share the name', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });

  it('does not count a CI step that applies someone else\'s remote kustomization (a chart repository installing CRDs)', async () => {
    const result = await detectIn(detector, join(fixtures, 'remote-install'));
    expect(result.evidence).toEqual([]);
  });

  it('reads a capitalised Kustomization file and a pipeline that pipes kustomize into kubectl', async () => {
    const root = writeTree({
      'deploy/Kustomization': 'resources:\n  - app.yaml\n',
      '.github/workflows/deploy.yml': 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kustomize build deploy | kubectl apply -f -\n',
    });
    expect(places(await detectIn(detector, root)).sort()).toEqual(['.github/workflows/deploy.yml:6', 'deploy/Kustomization:1']);
  });
});
