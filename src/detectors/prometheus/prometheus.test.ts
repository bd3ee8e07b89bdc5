import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('prometheus detector', () => {
  it('finds the stack installed by Terraform and Argo CD, the managed workspace, the config and operator resources', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-gitops'));
    expect(places(result).sort()).toEqual(
      [
        'argocd/apps/monitoring.yaml:11',
        // the template's `{{- if }}` line is skipped: the ServiceMonitor starts on line 2
        'charts/payments/templates/servicemonitor.yaml:2',
        'monitoring/dashboards/payments.yaml:12',
        'monitoring/prometheus/prometheus.yml:16',
        'terraform/monitoring/main.tf:12',
        'terraform/monitoring/main.tf:36',
      ].sort(),
    );
    expect(result.evidence.find((e) => e.file.endsWith('servicemonitor.yaml'))?.detail).toBe('monitoring.coreos.com/v1 ServiceMonitor {{…}}');
  });

  it('finds direct client libraries in go.mod, package.json and pom.xml but not indirect Go requirements', async () => {
    const result = await detectIn(detector, join(fixtures, 'instrumented-services'));
    expect(places(result).sort()).toEqual(['services/billing/pom.xml:22', 'services/orders/go.mod:8', 'services/web/package.json:16']);
  });

  it('does not take exporters, the Grafana agent, VictoriaMetrics or scrape annotations for a Prometheus server', async () => {
    const result = await detectIn(detector, join(fixtures, 'exporters-only'));
    expect(result.evidence).toEqual([]);
  });

  it('ignores READMEs, docs and examples, test stacks, commented configs, indirect and peer dependencies of a library', async () => {
    const result = await detectIn(detector, join(fixtures, 'library-repo'));
    expect(result.evidence).toEqual([]);
  });

  it('reads a Prometheus 3 config fed by OTLP and an image pinned in the compose .env file', async () => {
    const root = writeTree({
      '.env': 'PROMETHEUS_IMAGE=quay.io/prometheus/prometheus:v3.1.0\nGRAFANA_IMAGE=grafana/grafana:11.0.0\n',
      'compose.yaml': 'services:\n  prometheus:\n    image: ${PROMETHEUS_IMAGE}\n  other:\n    image: ${UNSET_IMAGE}\n',
      'prometheus/prometheus-config.yaml': '# OTLP only\nglobal:\n  scrape_interval: 60s\n\notlp:\n  promote_resource_attributes: [service.name]\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result).sort()).toEqual(['compose.yaml:3', 'prometheus/prometheus-config.yaml:5']);
  });

  it('counts kube-prometheus vendored with jsonnet-bundler', async () => {
    const root = writeTree({
      'jsonnetfile.json': JSON.stringify({ version: 1, dependencies: [{ source: { git: { remote: 'https://github.com/prometheus-operator/kube-prometheus.git', subdir: 'jsonnet/kube-prometheus' } }, version: 'main' }] }, null, 2),
    });
    const result = await detectIn(detector, root);
    expect(places(result)).toEqual(['jsonnetfile.json:7']);
  });

  it('finds kube-prometheus-stack switched on by an EKS Blueprints add-ons module flag (aws-ia/terraform-aws-eks-blueprints)', async () => {
    const result = await detectIn(detector, join(fixtures, 'eks-addons'));
    expect(places(result)).toEqual(['infra/cluster/addons.tf:12']);
    expect(result.evidence[0]?.detail).toBe('module eks_addons: enable_kube_prometheus_stack = true');
  });

  it('does not count an add-on flag left to a variable, or one in a comment', async () => {
    const result = await detectIn(detector, join(fixtures, 'eks-addons-off'));
    expect(result.evidence).toEqual([]);
  });

  it('does not count ServiceMonitors and PrometheusRules a chart offers but leaves off by default, and counts them once switched on', async () => {
    // Modelled on codecentric/helm-charts (charts/keycloak): serviceMonitor.enabled and prometheusRule.enabled
    // default to false; the PodMonitor's guard is argo-helm's shape (a Capabilities check, then the switches).
    const serviceMonitor = [
      '{{- range $key, $serviceMonitor := dict "wildfly" .Values.serviceMonitor "extra" .Values.extraServiceMonitor }}\n',
      '{{- with $serviceMonitor }}\n{{- if .enabled }}\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n',
      '  name: {{ include "keycloak.fullname" $ }}-{{ $key }}\nspec:\n  endpoints:\n    - port: {{ .port }}\n{{- end }}\n{{- end }}\n{{- end }}\n',
    ].join('');
    const prometheusRule =
      '{{- with .Values.prometheusRule -}}\n{{- if .enabled }}\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: {{ include "keycloak.fullname" $ }}\nspec:\n  groups: []\n{{- end }}\n{{- end }}\n';
    const podMonitor = '{{- if and (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1") .Values.metrics.enabled .Values.metrics.podMonitor.enabled }}\napiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n';
    const values = (on: boolean) =>
      `serviceMonitor:\n  # If \`true\`, a ServiceMonitor resource for the prometheus-operator is created\n  enabled: ${on}\n  port: http-management\nextraServiceMonitor:\n  enabled: false\nprometheusRule:\n  enabled: false\n  rules: []\nmetrics:\n  enabled: true\n  podMonitor:\n    enabled: false\n`;
    const chart = (on: boolean) => ({
      'charts/keycloak/Chart.yaml': 'apiVersion: v1\nname: keycloak\nversion: 18.4.0\n',
      'charts/keycloak/values.yaml': values(on),
      'charts/keycloak/templates/servicemonitor.yaml': serviceMonitor,
      'charts/keycloak/templates/prometheusrule.yaml': prometheusRule,
      'charts/keycloak/templates/podmonitor.yaml': podMonitor,
      // chart-testing's values turn everything on to test the templates: not a default
      'charts/keycloak/ci/h2-values.yaml': 'serviceMonitor:\n  enabled: true\nprometheusRule:\n  enabled: true\n',
    });
    expect((await detectIn(detector, writeTree(chart(false)))).evidence).toEqual([]);
    expect(places(await detectIn(detector, writeTree(chart(true))))).toEqual(['charts/keycloak/templates/servicemonitor.yaml:5']);
    // A HelmRelease of this repository that switches it on makes it used.
    const released = writeTree({
      ...chart(false),
      'clusters/prod/keycloak.yaml':
        'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: keycloak\nspec:\n  chart:\n    spec:\n      chart: ./charts/keycloak\n  values:\n    prometheusRule:\n      enabled: true\n',
    });
    expect(places(await detectIn(detector, released))).toEqual(['charts/keycloak/templates/prometheusrule.yaml:3']);
  });
});
