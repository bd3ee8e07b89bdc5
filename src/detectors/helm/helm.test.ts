import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('helm detector', () => {
  it('finds the chart and the helm steps of a GitLab pipeline', async () => {
    const result = await detectIn(detector, join(fixtures, 'chart-repo'));
    expect(places(result)).toEqual(expect.arrayContaining(['charts/web/Chart.yaml:2', '.gitlab-ci.yml:7', '.gitlab-ci.yml:13']));
  });

  it('ignores mentions in READMEs and comments', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-helm'));
    expect(result.evidence).toEqual([]);
  });

  it('finds a chart that kustomize inflates through helmCharts', async () => {
    // Modelled on Hlofiys/homelab cilium/kustomization.yaml.
    const root = writeTree({
      'cilium/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: kube-system\nhelmCharts:\n  - name: cilium\n    repo: https://helm.cilium.io/\n    version: 1.16.5\n    releaseName: cilium\n    valuesFile: values.yaml\n',
      'cilium/values.yaml': 'kubeProxyReplacement: true\n',
    });
    const result = await detectIn(detector, root);
    expect(result.evidence).toEqual([{ file: 'cilium/kustomization.yaml', line: 5, detail: 'release of chart cilium (kustomize)' }]);
  });
});
