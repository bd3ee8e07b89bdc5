import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
// Shared scenario: kube-prometheus-stack (which runs Grafana) installed by Terraform and Argo CD.
const platform = join(import.meta.dirname, '..', 'prometheus', 'fixtures', 'platform-gitops');

describe('grafana detector', () => {
  it('finds provisioning files, grafana.ini, a custom Grafana image and the Terraform provider', async () => {
    const result = await detectIn(detector, join(fixtures, 'observability-stack'));
    expect(places(result).sort()).toEqual(
      [
        'grafana/Dockerfile:6',
        'grafana/grafana.ini:2',
        'grafana/provisioning/dashboards/providers.yaml:3',
        'grafana/provisioning/datasources/datasources.yaml:3',
        'terraform/grafana.tf:10',
        'terraform/grafana.tf:15',
        'terraform/grafana.tf:3',
      ].sort(),
    );
  });

  it('counts kube-prometheus-stack releases and dashboards labelled for the Grafana sidecar', async () => {
    const result = await detectIn(detector, platform);
    expect(places(result).sort()).toEqual(['argocd/apps/monitoring.yaml:11', 'monitoring/dashboards/payments.yaml:1', 'terraform/monitoring/main.tf:12']);
  });

  it('does not take the Grafana agent, Alloy, Tempo or loose dashboard JSON for Grafana', async () => {
    const result = await detectIn(detector, join(fixtures, 'agent-only'));
    expect(result.evidence).toEqual([]);
  });

  it('ignores the README mentions and example stacks of a library', async () => {
    const result = await detectIn(detector, join(platform, '..', 'library-repo'));
    expect(result.evidence).toEqual([]);
  });

  it('finds kube-prometheus-stack (which runs Grafana by default) switched on by an EKS Blueprints add-ons module flag', async () => {
    const result = await detectIn(detector, join(import.meta.dirname, '..', 'prometheus', 'fixtures', 'eks-addons'));
    expect(places(result)).toEqual(['infra/cluster/addons.tf:12']);
    const off = await detectIn(detector, join(import.meta.dirname, '..', 'prometheus', 'fixtures', 'eks-addons-off'));
    expect(off.evidence).toEqual([]);
  });

  it('does not count a chart\'s dashboard ConfigMap that the chart\'s defaults leave out, offered to its users\' Grafana', async () => {
    // Modelled on deliveryhero/helm-charts stable/node-local-dns: `{{- if .Values.dashboard.enabled }}`, `enabled: false`.
    const dir = join(fixtures, 'chart-dashboard');
    expect(places(await detectIn(detector, dir))).toEqual([]);
    const on = writeTree({
      'charts/node-local-dns/Chart.yaml': 'apiVersion: v2\nname: node-local-dns\nversion: 2.1.0\n',
      'charts/node-local-dns/values.yaml': 'dashboard:\n  enabled: true\n',
      'charts/node-local-dns/templates/configmap-dashboard.yaml': readFileSync(join(dir, 'charts/node-local-dns/templates/configmap-dashboard.yaml'), 'utf8'),
    });
    expect(places(await detectIn(detector, on))).toEqual(['charts/node-local-dns/templates/configmap-dashboard.yaml:2']);
  });

  it('counts a chart\'s dashboard ConfigMap turned on by the values a deploy script installs the chart with', async () => {
    // Modelled on buildkite/agent-stack-k8s: deploy.sh runs helm upgrade "${helm_repo}/agent-stack-k8s" -f .buildkite/production-helm-values.yaml.
    const dir = writeTree({
      'charts/agent-stack-k8s/Chart.yaml': 'apiVersion: v2\nname: agent-stack-k8s\nversion: 0.1.0\n',
      'charts/agent-stack-k8s/values.yaml': 'deployGrafanaDashboard: false\n',
      'charts/agent-stack-k8s/templates/grafana-dashboard.yaml':
        '{{- if .Values.deployGrafanaDashboard }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agent-stack-k8s-dashboard\n  labels:\n    grafana_dashboard: "1"\ndata:\n  dashboard.json: "{}"\n{{- end }}\n',
      '.buildkite/production-helm-values.yaml': 'deployGrafanaDashboard: true\n',
      '.buildkite/pipeline.yaml': 'steps:\n  - label: deploy\n    branches: main\n    command: .buildkite/steps/deploy.sh\n',
      '.buildkite/steps/deploy.sh': '#!/bin/sh\nhelm upgrade agent-stack-k8s "${helm_repo}/agent-stack-k8s" --install \\\n  -f .buildkite/production-helm-values.yaml \\\n  --set agentToken="${TOKEN}"\n',
    });
    expect(places(await detectIn(detector, dir))).toEqual(['charts/agent-stack-k8s/templates/grafana-dashboard.yaml:2']);
  });
});
