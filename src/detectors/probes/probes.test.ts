import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('probes detector', () => {
  it('counts 7 of 9 long-running containers with both probes and names the two that lack one', async () => {
    const result = await detectIn(detector, join(fixtures, 'plain-manifests'));
    expect(result.coverage).toMatchObject({ covered: 7, total: 9, unit: 'containers' });
    expect(result.coverage!.missing).toEqual([
      { file: 'deploy/gaps.yaml', line: 13, detail: 'Deployment cache container redis: no livenessProbe' },
      { file: 'deploy/gaps.yaml', line: 30, detail: 'Deployment consumer container consumer: no livenessProbe or readinessProbe' },
    ]);
    expect(places(result)).toEqual(expect.arrayContaining(['deploy/api.yaml:27', 'deploy/api.yaml:29', 'deploy/api.yaml:33', 'deploy/gaps.yaml:15', 'deploy/stateful.yaml:51']));
    expect(result.evidence).toHaveLength(15);
    // the kustomize patch repeats a container without probes: it is not a tenth container
    expect(places(result).some((p) => p.startsWith('deploy/patches/'))).toBe(false);
  });

  it('reads probes a chart template leaves to values, and skips hooks, Jobs and init containers', async () => {
    const result = await detectIn(detector, join(fixtures, 'service-chart'));
    expect(places(result)).toEqual(['charts/payments-api/values.yaml:7', 'charts/payments-api/values.yaml:12', 'charts/payments-api/templates/worker.yaml:22']);
    expect(result.evidence[0]!.detail).toBe(
      'Deployment {{…}} container api: livenessProbe (from values, used by charts/payments-api/templates/deployment.yaml:27)',
    );
    // worker: `{{- with .Values.worker.livenessProbe }}` resolves to `{}`, which is no probe
    expect(result.coverage).toEqual({
      covered: 1,
      total: 2,
      unit: 'containers',
      missing: [{ file: 'charts/payments-api/templates/worker.yaml', line: 15, detail: 'Deployment {{…}}-worker container worker: no livenessProbe' }],
    });
  });

  it('counts the containers a repository deploys, not the optional variants it keeps under extras/', async () => {
    // Modelled on bank-of-anthos: kubernetes-manifests/ is what runs; extras/cloudsql and
    // extras/prometheus are variants a reader may apply instead. Counted, they made 13 of 41.
    const result = await detectIn(detector, join(fixtures, 'optional-extras'));
    expect(result.coverage).toEqual({ covered: 2, total: 2, unit: 'containers', missing: [] });
    expect(places(result).every((p) => p.startsWith('kubernetes-manifests/'))).toBe(true);
  });

  it('returns no evidence and an empty population for Jobs and CronJobs without probes', async () => {
    const result = await detectIn(detector, join(fixtures, 'jobs-only'));
    expect(result).toEqual({ evidence: [], coverage: { covered: 0, total: 0, unit: 'containers', missing: [] } });
  });
});

describe('probes coverage without any probe', () => {
  it('reports "0 of 2" with each container named, and no evidence', async () => {
    const root = writeTree({
      'k8s/app.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: orders }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          image: ghcr.io/acme/orders:1.0.0',
        '        - name: proxy',
        '          image: envoyproxy/envoy:v1.31.2',
        '          livenessProbe:',
        '',
      ].join('\n'),
    });
    const result = await detectIn(detector, root);
    expect(result.evidence).toEqual([]);
    expect(result.coverage).toEqual({
      covered: 0,
      total: 2,
      unit: 'containers',
      missing: [
        { file: 'k8s/app.yaml', line: 8, detail: 'Deployment orders container api: no livenessProbe or readinessProbe' },
        { file: 'k8s/app.yaml', line: 10, detail: 'Deployment orders container proxy: no livenessProbe or readinessProbe' },
      ],
    });
  });

  it('does not count probes a chart template offers behind a switch its values leave off', async () => {
    // Modelled on MicrosoftDocs/mslearn-aks-deployment-pipeline-github-actions's spacegame chart (probes.enabled: false).
    const deployment = (guard: string) =>
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n' +
      `          {{- if ${guard} }}\n          livenessProbe:\n            httpGet:\n              path: /\n              port: http\n          readinessProbe:\n            httpGet:\n              path: /\n              port: http\n          {{- end }}\n`;
    const chart = (enabled: boolean) => ({
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'charts/web/values.yaml': `image:\n  repository: tailspin/web\n  tag: "1.0"\nprobes:\n  enabled: ${enabled}\n`,
      'charts/web/templates/deployment.yaml': deployment('.Values.probes.enabled'),
    });
    const off = await detectIn(detector, writeTree(chart(false)));
    expect(off.evidence).toEqual([]);
    expect(off.coverage).toMatchObject({ covered: 0, total: 1 });
    const on = await detectIn(detector, writeTree(chart(true)));
    expect(places(on)).toEqual(['charts/web/templates/deployment.yaml:12', 'charts/web/templates/deployment.yaml:16']);
  });
});
