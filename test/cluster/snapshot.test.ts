import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObjectEvidence } from '../../src/core/types.js';
import { DETECTORS } from '../../src/detectors/registry.js';
import { ClusterAccessError, readSnapshot } from '../../src/sources/cluster/index.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'cluster-prod-eu.json');
const CANARY = 'CANARY-s3cr3t-9f8e7d';

function objects(result: { detections: { id: string; evidence: unknown[] }[] }, id: string): string[] {
  return (result.detections.find((d) => d.id === id)?.evidence ?? []).map((e) => (e as ObjectEvidence).object);
}

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'k8sm-snapshot-')), name);
  writeFileSync(file, text);
  return file;
}

describe('reading a saved cluster (kubectl get … -A -o json)', () => {
  it('finds the platform tools, the flavour and the teams of a realistic cluster', async () => {
    const result = await readSnapshot(FIXTURE);
    expect(result.name).toBe('cluster-prod-eu.json');
    expect(result.flavour).toBe('eks');
    expect(result.detections.map((d) => d.id)).toEqual(
      expect.arrayContaining(['eks', 'prometheus', 'grafana', 'alertmanager', 'loki', 'argo-cd', 'helm', 'istio', 'vault', 'falco', 'probes', 'latest-tag-images', 'static-secrets', 'multi-team-namespaces']),
    );
    expect(result.teams).toEqual([
      { namespace: 'checkout', team: 'checkout' },
      { namespace: 'payments', team: 'payments' },
      { namespace: 'payments-batch', team: 'payments' },
      { namespace: 'search', team: 'search' },
    ]);
    expect(result.warnings).toEqual([]);
    expect(result.forbidden).toEqual([]);
  });

  it('reports pods as the workloads that own them, from their helm.sh/chart labels and images', async () => {
    const result = await readSnapshot(FIXTURE);
    expect(objects(result, 'prometheus')).toContain('apps/v1 Deployment monitoring/kube-prometheus-stack-operator');
    expect(objects(result, 'loki')).toEqual(expect.arrayContaining(['apps/v1 StatefulSet logging/loki', 'argoproj.io/v1alpha1 Application argocd/loki']));
    expect(objects(result, 'argo-cd')).toEqual(expect.arrayContaining(['apps/v1 Deployment argocd/argocd-server', 'apiextensions.k8s.io/v1 CustomResourceDefinition applications.argoproj.io', 'apps/v1 Deployment payments/payments-api']));
    // The sidecar image runs in three pods of two Deployments: two pieces of evidence, no pod names.
    const istio = objects(result, 'istio');
    expect(istio).toEqual(expect.arrayContaining(['apps/v1 Deployment payments/payments-api', 'apps/v1 Deployment checkout/checkout-web']));
    expect(istio).toContain('admissionregistration.k8s.io/v1 MutatingWebhookConfiguration istio-sidecar-injector');
    expect(istio.some((o) => o.includes(' Pod '))).toBe(false);
  });

  it('finds Vault and Istio from their injection webhooks and Falco from its DaemonSet', async () => {
    const result = await readSnapshot(FIXTURE);
    expect(result.detections.find((d) => d.id === 'vault')!.evidence).toContainEqual({
      object: 'admissionregistration.k8s.io/v1 MutatingWebhookConfiguration vault-agent-injector-cfg',
      detail: 'admission webhook vault-agent-injector-cfg',
      cluster: 'cluster-prod-eu.json',
      source: 'cluster',
    });
    expect(objects(result, 'falco')).toEqual(['apps/v1 DaemonSet falco/falco']);
  });

  it('measures probes over running long-running containers, one replica per workload', async () => {
    const { coverage, detections } = await readSnapshot(FIXTURE);
    // 15 workloads run 17 containers (the Succeeded Job pod and the Deployment scaled to 0 do not count).
    expect(coverage.probes).toMatchObject({ covered: 7, total: 17, unit: 'running containers' });
    expect(coverage.probes!.missing).toContainEqual({
      object: 'apps/v1 Deployment checkout/checkout-web',
      detail: 'container web has no liveness probe',
      cluster: 'cluster-prod-eu.json',
      source: 'cluster',
    });
    expect(coverage.probes!.missing.map((e) => (e as ObjectEvidence).object)).not.toContain('apps/v1 Deployment default/old-demo');
    expect(detections.find((d) => d.id === 'probes')!.coverage).toEqual(coverage.probes);
  });

  it('flags running images with :latest or no tag', async () => {
    const result = await readSnapshot(FIXTURE);
    expect(objects(result, 'latest-tag-images')).toEqual(['apps/v1 Deployment checkout/checkout-web', 'apps/v1 Deployment checkout/cart-cache', 'v1 Pod default/debug-shell']);
  });

  it('flags hand-made Opaque Secrets only, and never carries a Secret value', async () => {
    const result = await readSnapshot(FIXTURE);
    // Not: the ExternalSecret-owned one, the Helm release, the cert-manager TLS Secret, nor Argo CD's
    // own argocd-secret (part-of argocd: the tool fills it in itself).
    expect(objects(result, 'static-secrets')).toEqual(['v1 Secret payments/payments-db']);
    const text = JSON.stringify(result);
    expect(readFileSync(FIXTURE, 'utf8')).toContain(CANARY);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(Buffer.from(CANARY).toString('base64'));
    expect(text).not.toContain('last-applied-configuration');
  });

  it('names the namespaces of each team when two teams run workloads on the cluster', async () => {
    const result = await readSnapshot(FIXTURE);
    expect(result.detections.find((d) => d.id === 'multi-team-namespaces')!.evidence).toEqual([
      { object: 'v1 Namespace checkout', detail: 'team checkout (label team=checkout) runs workloads here', cluster: 'cluster-prod-eu.json', source: 'cluster' },
      { object: 'v1 Namespace payments', detail: 'team payments (label team=payments) runs workloads here', cluster: 'cluster-prod-eu.json', source: 'cluster' },
      { object: 'v1 Namespace payments-batch', detail: 'team payments (label team=payments) runs workloads here', cluster: 'cluster-prod-eu.json', source: 'cluster' },
    ]);
    const otherLabel = await readSnapshot(FIXTURE, { teamLabel: 'owner' });
    expect(otherLabel.teams).toEqual([]);
    expect(otherLabel.detections.map((d) => d.id)).not.toContain('multi-team-namespaces');
  });

  it('applies the component spec of every registry detector that describes a cluster footprint', async () => {
    const result = await readSnapshot(FIXTURE, { detectors: DETECTORS });
    const withFootprint = DETECTORS.filter((d) => d.component?.images || d.component?.charts || d.component?.objects).map((d) => d.id);
    for (const id of ['prometheus', 'loki', 'argo-cd', 'falco', 'vault', 'istio']) {
      if (withFootprint.includes(id)) expect(result.detections.map((d) => d.id)).toContain(id);
    }
    // Every footprint comes from the signals given: without them, no tool is recognised.
    const bare = await readSnapshot(FIXTURE, { detectors: [] });
    expect(bare.detections.map((d) => d.id)).not.toContain('prometheus');
  });

  it('reads several Lists written one after another', async () => {
    const list = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { items: Record<string, unknown>[] };
    const custom = list.items.filter((i) => String(i.apiVersion).includes('argoproj.io') || String(i.apiVersion).startsWith('monitoring.coreos.com'));
    const secrets = list.items.filter((i) => i.kind === 'Secret');
    const rest = list.items.filter((i) => !custom.includes(i) && !secrets.includes(i));
    const text = [rest, custom, secrets].map((items) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } }, null, 2)).join('\n');
    const split = await readSnapshot(tempFile('prod-eu.json', text));
    const whole = await readSnapshot(FIXTURE);
    expect(split.detections.map((d) => d.id)).toEqual(whole.detections.map((d) => d.id));
    expect(split.counts).toEqual(whole.counts);
  });

  it('keeps the documents before a cut-short one, with a warning', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const cut = `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments', labels: { team: 'payments' } } }] })}\n${text.slice(0, text.length / 2)}`;
    const result = await readSnapshot(tempFile('cut.json', cut));
    expect(result.teams).toEqual([{ namespace: 'payments', team: 'payments' }]);
    expect(result.warnings[0]).toEqual({ file: 'cluster:cut.json', message: 'the snapshot is cut short or malformed after 1 document(s): the last document is cut short' });
  });

  it('refuses a file that is not a snapshot, or is not there, with ClusterAccessError', async () => {
    const notJson = await readSnapshot(tempFile('cluster.yaml', 'apiVersion: v1\nkind: List\n')).catch((e: unknown) => e);
    expect(notJson).toBeInstanceOf(ClusterAccessError);
    expect((notJson as Error).message).toMatch(/^cannot read cluster snapshot .*cluster\.yaml: unexpected "a" at offset 0 \(expected the output of kubectl get … -o json\)$/);
    const missing = await readSnapshot('/nonexistent/cluster.json').catch((e: unknown) => e);
    expect((missing as Error).message).toBe('cannot read cluster snapshot /nonexistent/cluster.json: no such file');
  });

  it('says what a snapshot without Secrets or Pods cannot judge', async () => {
    const list = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { items: Record<string, unknown>[] };
    const items = list.items.filter((i) => i.kind !== 'Secret' && i.kind !== 'Pod');
    const result = await readSnapshot(tempFile('no-secrets.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items })));
    expect(result.warnings.map((w) => w.message)).toEqual([
      'the snapshot holds no Secrets: static Secrets in the cluster are not judged (see docs/clusters.md)',
      'the snapshot holds no Pods: probe coverage is read from workload templates',
    ]);
    expect(result.coverage.probes).toMatchObject({ unit: 'workload containers' });
  });
});
