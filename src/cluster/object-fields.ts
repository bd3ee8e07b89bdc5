/** Reading the fields of cluster objects (plain JSON from the API server): apart from inventory.ts, which judges them. */
import { isRecord } from '../facts/k8s/k8s-objects.js';

export type Obj = Record<string, unknown>;

export interface Container {
  name: string;
  image?: string;
  init: boolean;
  liveness: boolean;
  readiness: boolean;
}

/** "kube-prometheus-stack-56.6.2" → "kube-prometheus-stack". */
export function chartName(label: string): string {
  return label.replace(/-v?\d+(\.\d+)*([-+][0-9A-Za-z.-]*)?$/, '');
}

export function chartsOf(object: Obj, group: string, kind: string): string[] {
  const spec = isRecord(object.spec) ? object.spec : {};
  if (group === 'argoproj.io' && kind === 'Application') {
    const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])];
    return sources.filter(isRecord).map((s) => str(s.chart)).filter(Boolean);
  }
  if (group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease') {
    const chart = isRecord(spec.chart) && isRecord(spec.chart.spec) ? str(spec.chart.spec.chart) : '';
    return chart ? [chart] : [];
  }
  return [];
}

/** "apps/v1 Deployment monitoring/prometheus-server"; cluster-scoped objects have no namespace part. */
export function objectRef(apiVersion: string, kind: string, metadata: Obj): string {
  const namespace = str(metadata.namespace);
  return `${apiVersion} ${kind} ${namespace ? `${namespace}/` : ''}${str(metadata.name)}`;
}

/** The workload a pod belongs to: its Deployment (through the ReplicaSet's pod-template-hash), StatefulSet, DaemonSet or Job. */
export function ownerOf(pod: Obj, metadata: Obj, labels: Record<string, string>): string {
  const namespace = str(metadata.namespace);
  const owner = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences.find((o) => isRecord(o) && o.controller !== false) : undefined;
  if (!isRecord(owner)) return objectRef(str(pod.apiVersion) || 'v1', 'Pod', metadata);
  const kind = str(owner.kind);
  const name = str(owner.name);
  const hash = labels['pod-template-hash'];
  if (kind === 'ReplicaSet' && hash && name.endsWith(`-${hash}`)) return `apps/v1 Deployment ${namespace}/${name.slice(0, -hash.length - 1)}`;
  return `${str(owner.apiVersion)} ${kind} ${namespace}/${name}`;
}

export function templateLabels(object: Obj, kind: string): Record<string, string> {
  if (kind === 'Pod') return {};
  const spec = isRecord(object.spec) ? object.spec : {};
  const template = kind === 'CronJob' && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec.template;
  return isRecord(template) && isRecord(template.metadata) ? strings(template.metadata.labels) : {};
}

export function containersOf(podSpec: Obj): Container[] {
  const out: Container[] = [];
  for (const [key, init] of [['containers', false], ['initContainers', true]] as const) {
    const list = podSpec[key];
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      if (!isRecord(raw)) continue;
      // Native sidecars (init containers that always restart) run for the pod's life.
      const sidecar = init && raw.restartPolicy === 'Always';
      out.push({
        name: str(raw.name),
        ...(typeof raw.image === 'string' ? { image: raw.image } : {}),
        init: init && !sidecar,
        liveness: isRecord(raw.livenessProbe),
        readiness: isRecord(raw.readinessProbe),
      });
    }
  }
  return out;
}

export function probeWords(container: Container): string {
  if (container.liveness && container.readiness) return 'liveness and readiness probes';
  return container.liveness ? 'liveness probe only' : 'readiness probe only';
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function strings(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return out;
}
