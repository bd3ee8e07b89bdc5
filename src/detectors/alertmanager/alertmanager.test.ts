import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const platform = join(import.meta.dirname, '..', 'prometheus', 'fixtures', 'platform-gitops');

describe('alertmanager detector', () => {
  it('finds the config in a Secret, an AlertmanagerConfig and the amtool check in CI', async () => {
    const result = await detectIn(detector, join(fixtures, 'operator-config'));
    expect(places(result).sort()).toEqual(['.gitlab-ci.yml:7', 'monitoring/alertmanager.yaml:17', 'monitoring/alertmanager.yaml:9']);
    // the Secret's values are never shown
    expect(result.evidence.map((e) => e.detail).join(' ')).not.toContain('alert-router');
  });

  it('counts kube-prometheus-stack releases and a standalone alertmanager.yml', async () => {
    const result = await detectIn(detector, platform);
    expect(places(result).sort()).toEqual(['argocd/apps/monitoring.yaml:11', 'monitoring/alertmanager/alertmanager.yml:5', 'terraform/monitoring/main.tf:12']);
  });

  it('does not count alerting rules alone, a placeholder config or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'rules-only'));
    expect(result.evidence).toEqual([]);
  });

  it('finds kube-prometheus-stack (which runs Alertmanager by default) switched on by an EKS Blueprints add-ons module flag', async () => {
    const result = await detectIn(detector, join(import.meta.dirname, '..', 'prometheus', 'fixtures', 'eks-addons'));
    expect(places(result)).toEqual(['infra/cluster/addons.tf:12']);
    const off = await detectIn(detector, join(import.meta.dirname, '..', 'prometheus', 'fixtures', 'eks-addons-off'));
    expect(off.evidence).toEqual([]);
  });

  it('does not count an umbrella chart whose release switches Alertmanager off, by values file, inline values or --set', async () => {
    // Modelled on pennlabs/infrastructure: helm_release "prometheus" with values = var.prometheus_values,
    // passed [file("helm/prometheus.yaml")] by the module call, which says alertmanager.enabled: false.
    const dir = join(fixtures, 'switched-off');
    expect(places(await detectIn(detector, dir))).toEqual([]);
    const on = writeTree({
      'terraform/main.tf': 'resource "helm_release" "prometheus" {\n  chart  = "prometheus"\n  values = [file("${path.module}/values.yaml")]\n\n  set {\n    name  = "alertmanager.enabled"\n    value = "true"\n  }\n}\n',
      'terraform/values.yaml': 'alertmanager:\n  enabled: false\n',
    });
    expect(places(await detectIn(detector, on))).toEqual(['terraform/main.tf:2']);
  });
});
