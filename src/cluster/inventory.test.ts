import { describe, expect, it } from 'vitest';
import type { ObjectEvidence } from '../core/types.js';
import { DETECTORS } from '../detectors/registry.js';
import { ClusterInventory, MAX_EVIDENCE_PER_SIGNAL, chartName } from './inventory.js';
import { secretMetadataOnly } from './secrets.js';

const PROM = { id: 'prometheus', component: { images: [/(^|\/)prometheus$/], charts: [/^kube-prometheus-stack$/] } };

function inventory(detectors: { id: string; component?: object }[] = [PROM]): ClusterInventory {
  return new ClusterInventory({ cluster: 'test', detectors });
}

function pod(name: string, deployment: string, hash: string, image: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'web', labels: { 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${deployment}-${hash}`, controller: true }] },
    spec: { containers: [{ name: 'app', image, ...extra }] },
    status: { phase: 'Running' },
  };
}

function objects(inv: ClusterInventory, id: string): string[] {
  return (inv.result().detections.find((d) => d.id === id)?.evidence ?? []).map((e) => (e as ObjectEvidence).object);
}

describe('ClusterInventory', () => {
  it('reports 300 replicas of a Deployment as one piece of evidence and one workload in the coverage', () => {
    const inv = inventory();
    for (let i = 0; i < 300; i++) inv.add(pod(`api-7f9c-${i}`, 'api', '7f9c', 'quay.io/prometheus/prometheus:v2.50.0', { readinessProbe: { httpGet: { path: '/' } } }));
    inv.markPodsComplete();
    expect(objects(inv, 'prometheus')).toEqual(['apps/v1 Deployment web/api']);
    expect(inv.result().coverage.probes).toMatchObject({ covered: 0, total: 1, unit: 'running containers' });
    expect(inv.result().coverage.probes!.missing).toEqual([{ object: 'apps/v1 Deployment web/api', detail: 'container app has no liveness probe', cluster: 'test', source: 'cluster' }]);
  });

  it('keeps at most a fixed number of evidence per signal however many objects match', () => {
    const inv = inventory();
    for (let i = 0; i < 500; i++) inv.add(pod(`p-${i}`, `deploy-${i}`, 'abc12', 'prom/prometheus:v2'));
    expect(objects(inv, 'prometheus')).toHaveLength(MAX_EVIDENCE_PER_SIGNAL);
  });

  it('takes a tool\'s footprint from its detector only', () => {
    const withDetector = inventory([{ id: 'loki', component: { images: [/^never$/] } }]);
    withDetector.add(pod('loki-0', 'loki', 'h1', 'grafana/loki:2.9.4'));
    expect(objects(withDetector, 'loki')).toEqual([]);
    const registry = inventory(DETECTORS as never);
    registry.add(pod('loki-0', 'loki', 'h1', 'grafana/loki:2.9.4'));
    expect(objects(registry, 'loki')).toEqual(['apps/v1 Deployment web/loki']);
  });

  it('measures probes on workload templates when the pods were not all read, skipping scaled-to-zero ones', () => {
    const inv = inventory();
    const deployment = (name: string, replicas: number, probes: Record<string, unknown>) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'web' },
      spec: { replicas, template: { spec: { containers: [{ name: 'app', image: 'acme/app:1', ...probes }], initContainers: [{ name: 'migrate', image: 'acme/migrate:1' }] } } },
    });
    inv.add(deployment('both', 2, { livenessProbe: {}, readinessProbe: {} }));
    inv.add(deployment('none', 1, {}));
    inv.add(deployment('idle', 0, {}));
    expect(inv.result().coverage.probes).toMatchObject({ covered: 1, total: 2, unit: 'workload containers' });
  });

  it('needs two teams running workloads before it reports multi-team namespaces', () => {
    const inv = inventory();
    const ns = (name: string, team: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team } } });
    inv.add(ns('a', 'alpha'));
    inv.add(ns('b', 'beta'));
    inv.add({ ...pod('x', 'x', 'h', 'acme/x:1'), metadata: { name: 'x', namespace: 'a' } });
    expect(objects(inv, 'multi-team-namespaces')).toEqual([]);
    inv.add({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'y', namespace: 'b' }, spec: {} });
    expect(objects(inv, 'multi-team-namespaces')).toEqual(['v1 Namespace a', 'v1 Namespace b']);
  });

  it('reads the flavour from node labels, server version, or provider ids without a self-managed control plane', () => {
    const node = (labels: Record<string, string>, providerID?: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels }, spec: providerID ? { providerID } : {} });
    const flavour = (...nodes: object[]): string => {
      const inv = inventory();
      for (const n of nodes) inv.add(n);
      return inv.result().flavour;
    };
    expect(flavour(node({ 'kubernetes.azure.com/cluster': 'MC_rg_aks' }))).toBe('aks');
    expect(flavour(node({ 'cloud.google.com/gke-nodepool': 'default-pool' }))).toBe('gke');
    expect(flavour(node({}, 'gce://acme-prod/europe-west1-b/gke-node-1'))).toBe('gke');
    expect(flavour(node({ 'node-role.kubernetes.io/control-plane': '' }, 'aws:///eu-west-1a/i-1'), node({}, 'aws:///eu-west-1a/i-2'))).toBe('self-managed');
    expect(flavour(node({ 'kubernetes.io/hostname': 'bare-1' }))).toBe('self-managed');
    expect(flavour()).toBe('unknown');
    const versioned = inventory();
    versioned.addServerVersion('v1.29.1-eks-508b6b3');
    expect(versioned.result().flavour).toBe('eks');
    expect(versioned.result().detections).toEqual([{ id: 'eks', evidence: [{ object: '/version', detail: 'server version v1.29.1-eks-508b6b3', cluster: 'test', source: 'cluster' }] }]);
  });

  it('sees tools in CRD groups, custom resources and charts released by Argo CD or Flux', () => {
    const inv = inventory([{ id: 'argo-cd', component: { objects: [{ group: /^argoproj\.io$/, kind: /^Application$/ }] } }, PROM]);
    inv.add({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'applications.argoproj.io' }, spec: { group: 'argoproj.io', names: { kind: 'Application' } } });
    inv.add({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'monitoring', namespace: 'flux-system' }, spec: { chart: { spec: { chart: 'kube-prometheus-stack' } } } });
    expect(objects(inv, 'argo-cd')).toEqual(['apiextensions.k8s.io/v1 CustomResourceDefinition applications.argoproj.io']);
    expect(objects(inv, 'prometheus')).toEqual(['helm.toolkit.fluxcd.io/v2 HelmRelease flux-system/monitoring']);
    expect(objects(inv, 'helm')).toEqual(['helm.toolkit.fluxcd.io/v2 HelmRelease flux-system/monitoring']);
  });

  it('does not count Secrets that an operator manages, Helm releases or system namespaces as static', () => {
    const inv = inventory();
    const secret = (name: string, namespace: string, metadata: Record<string, unknown> = {}, type = 'Opaque') => ({ apiVersion: 'v1', kind: 'Secret', type, metadata: { name, namespace, ...metadata }, data: { k: 'dg==' } });
    inv.add(secret('hand-made', 'web'));
    inv.add(secret('sealed', 'web', { ownerReferences: [{ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', name: 'sealed' }] }));
    inv.add(secret('vso', 'web', { labels: { 'app.kubernetes.io/managed-by': 'hashicorp-vault-secrets-operator' } }));
    inv.add(secret('eso', 'web', { annotations: { 'reconcile.external-secrets.io/data-hash': 'x' } }));
    inv.add(secret('token', 'web', {}, 'kubernetes.io/service-account-token'));
    inv.add(secret('cloud', 'kube-system'));
    expect(objects(inv, 'static-secrets')).toEqual(['v1 Secret web/hand-made']);
  });
});

describe('secretMetadataOnly', () => {
  it('copies names, labels, owners and annotation keys, and nothing that can hold a value', () => {
    const reduced = secretMetadataOnly({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      data: { password: 'c2VjcmV0' },
      stringData: { password: 'secret' },
      metadata: {
        name: 'db',
        namespace: 'web',
        labels: { app: 'db' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"stringData":{"password":"secret"}}', note: 'secret' },
        managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:data': { 'f:password': {} } } }],
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'u' }],
      },
    });
    expect(reduced).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'db', namespace: 'web', labels: { app: 'db' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '', note: '' }, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }] },
    });
    expect(JSON.stringify(reduced)).not.toContain('secret"');
  });
});

describe('chartName', () => {
  it('strips the chart version from a helm.sh/chart label', () => {
    expect(chartName('kube-prometheus-stack-56.6.2')).toBe('kube-prometheus-stack');
    expect(chartName('argo-cd-6.0.5')).toBe('argo-cd');
    expect(chartName('loki-5.41.8-rc.1')).toBe('loki');
    expect(chartName('grafana')).toBe('grafana');
  });
});

describe('cluster footprints from the registry', () => {
  it('recognises webhooks, delivery labels and agent DaemonSets from the signals that declare them', () => {
    const inv = new ClusterInventory({ cluster: 'test', detectors: DETECTORS });
    inv.add({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'istio-sidecar-injector' }, webhooks: [] });
    inv.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'shop', labels: { 'argocd.argoproj.io/instance': 'shop' } } });
    inv.add({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'falco', namespace: 'falco' }, spec: { template: { spec: { containers: [{ name: 'falco', image: 'registry.acme.io/mirror/falco:0.37.1' }] } } } });
    expect(objects(inv, 'istio')).toEqual(['admissionregistration.k8s.io/v1 MutatingWebhookConfiguration istio-sidecar-injector']);
    expect(objects(inv, 'argo-cd')).toEqual(['v1 ConfigMap shop/web']);
    const falco = inv.result().detections.find((d) => d.id === 'falco')!.evidence.map((e) => (e as ObjectEvidence).detail);
    expect(falco).toContain('Falco DaemonSet, image registry.acme.io/mirror/falco:0.37.1');
  });

  it('knows no tool that the detectors given do not describe', () => {
    const inv = new ClusterInventory({ cluster: 'test', detectors: [] });
    inv.add({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'istio-sidecar-injector' }, webhooks: [] });
    expect(inv.result().detections).toEqual([]);
  });
});
