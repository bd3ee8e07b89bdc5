import type { Coverage, Detection, ObjectEvidence, SignalId } from '../core/types.js';
import type { Detector } from '../detectors/detector.js';
import { parseImage } from '../facts/images/images.js';
import { isRecord, podSpecOf } from '../facts/k8s/k8s-objects.js';
import type { ClusterComponent } from './footprints.js';
import { FlavourReader } from './flavour.js';
import { secretMetadataOnly } from './secrets.js';
import type { ClusterFlavour, NamespaceTeam } from './types.js';

/** Evidence kept per signal: a tool seen on 20,000 pods needs a few examples, not 20,000. */
export const MAX_EVIDENCE_PER_SIGNAL = 20;
/** Uncovered workloads listed under a coverage figure (the figure itself counts them all). */
export const MAX_MISSING = 50;

export interface InventoryOptions {
  /** Context or snapshot name, written into every evidence. */
  cluster: string;
  /** Namespace label that names the owning team. */
  teamLabel?: string;
  /** Detectors whose `component` specs are applied to cluster objects (the registry in production). */
  detectors: readonly (Pick<Detector, 'id' | 'component' | 'cluster'> & { name?: string })[];
}

export interface InventoryResult {
  detections: Detection[];
  coverage: { probes?: Coverage };
  teams: NamespaceTeam[];
  flavour: ClusterFlavour;
}

type Obj = Record<string, unknown>;

interface CompiledComponent extends ClusterComponent {
  id: SignalId;
  name: string;
  webhooks?: RegExp;
  labels?: readonly { key: string; what: string }[];
  daemonSetImages?: RegExp;
}

interface Container {
  name: string;
  image?: string;
  init: boolean;
  liveness: boolean;
  readiness: boolean;
}

interface CoverageCount {
  covered: number;
  total: number;
  missing: ObjectEvidence[];
  seen: Set<string>;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
const SECRET_MANAGERS = /external-secrets|sealed-?secrets|vault/i;
const TOOL_STATE = /^(argocd|argo-cd|flux|flux-system|cert-manager|tekton-pipelines)$/i;
const SECRET_OWNER_KINDS = new Set(['ExternalSecret', 'ClusterExternalSecret', 'PushSecret', 'SealedSecret', 'VaultStaticSecret', 'VaultDynamicSecret', 'VaultPKISecret', 'HCPVaultSecretsApp', 'Certificate']);
const SECRET_MARKERS = /^(reconcile\.external-secrets\.io|external-secrets\.io|sealedsecrets\.bitnami\.com|secrets\.hashicorp\.com|vault\.hashicorp\.com|cert-manager\.io)\//;

/**
 * Turns cluster objects, fed one at a time in any order and then dropped, into detections. It keeps
 * only small aggregates (capped evidence, one key per workload, one entry per namespace), so memory
 * does not grow with the number of pods. Pure: no I/O, no clock.
 */
export class ClusterInventory {
  private readonly cluster: string;
  private readonly teamLabel: string;
  private readonly components: CompiledComponent[];
  private readonly evidence = new Map<SignalId, { items: ObjectEvidence[]; keys: Set<string> }>();
  private readonly flavour: FlavourReader;
  private readonly namespaceTeams = new Map<string, string>();
  private readonly namespacesWithWorkloads = new Set<string>();
  /** Probe coverage over running pods (one entry per owning workload) and over workload templates. */
  private readonly podCoverage = emptyCoverage();
  private readonly templateCoverage = emptyCoverage();
  private podsComplete = false;

  constructor(options: InventoryOptions) {
    this.cluster = options.cluster;
    this.teamLabel = options.teamLabel ?? 'team';
    this.flavour = new FlavourReader(options.cluster);
    this.components = compileComponents(options.detectors);
  }

  /** The running pods were all read: probe coverage is measured on them rather than on templates. */
  markPodsComplete(): void {
    this.podsComplete = true;
  }

  addServerVersion(gitVersion: string): void {
    this.flavour.addServerVersion(gitVersion);
  }

  add(object: unknown): void {
    if (!isRecord(object) || typeof object.kind !== 'string') return;
    const kind = object.kind;
    if (kind === 'Secret') {
      this.addSecret(secretMetadataOnly(object));
      return;
    }
    const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
    const metadata = isRecord(object.metadata) ? object.metadata : {};
    if (kind === 'Node') {
      const spec = isRecord(object.spec) ? object.spec : {};
      this.flavour.addNode(str(metadata.name), strings(metadata.labels), typeof spec.providerID === 'string' ? spec.providerID : undefined);
      return;
    }
    if (kind === 'Namespace') {
      const team = strings(metadata.labels)[this.teamLabel];
      if (team) this.namespaceTeams.set(str(metadata.name), team);
      return;
    }
    if (kind === 'CustomResourceDefinition') {
      this.addDefinition(object, metadata);
      return;
    }
    if (kind === 'MutatingWebhookConfiguration' || kind === 'ValidatingWebhookConfiguration') {
      this.addWebhooks(object, apiVersion, metadata);
      return;
    }
    if (WORKLOAD_KINDS.has(kind) && (apiVersion === 'v1' || apiVersion.startsWith('apps/') || apiVersion.startsWith('batch/'))) {
      this.addWorkload(object, kind, apiVersion, metadata);
      return;
    }
    const ref = objectRef(apiVersion, kind, metadata);
    this.matchLabels(ref, strings(metadata.labels), strings(metadata.annotations));
    if (apiVersion.includes('.')) this.addCustomResource(object, ref, apiVersion, kind);
  }

  result(): InventoryResult {
    const { flavour, evidence } = this.flavour.result();
    if (evidence && (flavour === 'eks' || flavour === 'aks' || flavour === 'gke')) this.push(flavour, evidence.object, evidence.detail ?? '');
    this.addTeams();

    const source = this.podsComplete && this.podCoverage.total > 0 ? this.podCoverage : this.templateCoverage;
    const probes: Coverage | undefined =
      source.total > 0 ? { covered: source.covered, total: source.total, unit: source === this.podCoverage ? 'running containers' : 'workload containers', missing: source.missing } : undefined;

    const detections: Detection[] = [];
    for (const [id, { items }] of [...this.evidence].sort(([a], [b]) => a.localeCompare(b))) {
      detections.push(id === 'probes' && probes ? { id, evidence: items, coverage: probes } : { id, evidence: items });
    }
    const teams = [...this.namespaceTeams].map(([namespace, team]) => ({ namespace, team })).sort((a, b) => a.namespace.localeCompare(b.namespace));
    return { detections, coverage: probes ? { probes } : {}, teams, flavour };
  }

  /* ---------- objects ---------- */

  private addWorkload(object: Obj, kind: string, apiVersion: string, metadata: Obj): void {
    const namespace = str(metadata.namespace);
    if (namespace) this.namespacesWithWorkloads.add(namespace);
    const podSpec = podSpecOf({ kind, doc: object });
    const containers = podSpec ? containersOf(podSpec) : [];
    const labels = { ...templateLabels(object, kind), ...strings(metadata.labels) };
    const annotations = strings(metadata.annotations);
    // A pod is reported as the workload that owns it, so 300 replicas give one piece of evidence.
    const ref = kind === 'Pod' ? ownerOf(object, metadata, labels) : objectRef(apiVersion, kind, metadata);

    this.matchLabels(ref, labels, annotations);
    for (const container of containers) {
      if (container.image === undefined) continue;
      const image = container.image;
      const { path, tag, digest } = parseImage(image);
      for (const component of this.components) {
        if (component.images?.some((re) => re.test(path))) this.push(component.id, ref, `image ${image}`);
      }
      if (!digest && (tag === '' || tag === 'latest')) this.push('latest-tag-images', ref, `image ${image}${tag === '' ? ' (no tag)' : ''}, container ${container.name}`);
      if (kind !== 'DaemonSet') continue;
      for (const component of this.components) {
        if (component.daemonSetImages?.test(path)) this.push(component.id, ref, `${component.name} DaemonSet, image ${image}`);
      }
    }

    const longRunning = containers.filter((c) => !c.init);
    if (longRunning.length === 0) return;
    if (kind === 'Pod') {
      const status = isRecord(object.status) ? object.status : {};
      const ownedByJob = ref.startsWith('batch/');
      if (status.phase === 'Running' && !ownedByJob) this.count(this.podCoverage, ref, longRunning);
    } else if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet') {
      const spec = isRecord(object.spec) ? object.spec : {};
      if (kind === 'DaemonSet' || spec.replicas !== 0) this.count(this.templateCoverage, ref, longRunning);
    }
  }

  private count(coverage: CoverageCount, ref: string, containers: Container[]): void {
    if (coverage.seen.has(ref)) return;
    coverage.seen.add(ref);
    for (const container of containers) {
      coverage.total++;
      if (container.liveness || container.readiness) this.push('probes', ref, `container ${container.name}: ${probeWords(container)}`);
      if (container.liveness && container.readiness) {
        coverage.covered++;
        continue;
      }
      if (coverage.missing.length < MAX_MISSING) {
        const lacking = container.liveness ? 'no readiness probe' : container.readiness ? 'no liveness probe' : 'neither liveness nor readiness probe';
        coverage.missing.push(this.evidenceOf(ref, `container ${container.name} has ${lacking}`));
      }
    }
  }

  private addSecret(secret: Obj): void {
    const metadata = isRecord(secret.metadata) ? secret.metadata : {};
    const namespace = str(metadata.namespace);
    const type = typeof secret.type === 'string' ? secret.type : 'Opaque';
    if (type !== 'Opaque' || SYSTEM_NAMESPACES.has(namespace)) return;
    const labels = strings(metadata.labels);
    const annotations = strings(metadata.annotations);
    const owners = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences.filter(isRecord) : [];
    if (owners.some((o) => SECRET_OWNER_KINDS.has(str(o.kind)) || SECRET_MANAGERS.test(str(o.apiVersion)))) return;
    if ([...Object.keys(labels), ...Object.keys(annotations)].some((key) => SECRET_MARKERS.test(key))) return;
    if (SECRET_MANAGERS.test(labels['app.kubernetes.io/managed-by'] ?? '') || labels.owner === 'helm') return;
    // A platform tool's own state (argocd-secret is filled in by Argo CD itself) is not a hand-made Secret.
    if (TOOL_STATE.test(labels['app.kubernetes.io/part-of'] ?? '')) return;
    this.push('static-secrets', objectRef('v1', 'Secret', metadata), 'Opaque Secret not managed by a secrets operator (metadata only)');
  }

  private addDefinition(object: Obj, metadata: Obj): void {
    const spec = isRecord(object.spec) ? object.spec : {};
    const group = str(spec.group);
    const kind = isRecord(spec.names) ? str(spec.names.kind) : '';
    if (!group) return;
    const ref = `apiextensions.k8s.io/v1 CustomResourceDefinition ${str(metadata.name)}`;
    for (const component of this.components) {
      if (component.objects?.some((o) => o.group.test(group) && (!o.kind || o.kind.test(kind)))) this.push(component.id, ref, `CRD for ${kind} (${group})`);
    }
  }

  private addCustomResource(object: Obj, ref: string, apiVersion: string, kind: string): void {
    const group = apiVersion.slice(0, apiVersion.indexOf('/'));
    for (const component of this.components) {
      if (component.objects?.some((o) => o.group.test(group) && (!o.kind || o.kind.test(kind)))) this.push(component.id, ref, `${kind} resource`);
    }
    // Releases of charts by Argo CD or Flux: the chart is deployed even when its pods carry no label.
    for (const chart of chartsOf(object, group, kind)) {
      this.push('helm', ref, `release of chart ${chart}`);
      this.matchChart(ref, chart, `chart ${chart} (${kind})`);
    }
  }

  private addWebhooks(object: Obj, apiVersion: string, metadata: Obj): void {
    const names = [str(metadata.name)];
    for (const hook of Array.isArray(object.webhooks) ? object.webhooks.filter(isRecord) : []) {
      names.push(str(hook.name));
      const client = isRecord(hook.clientConfig) ? hook.clientConfig : {};
      if (isRecord(client.service)) names.push(`${str(client.service.namespace)}/${str(client.service.name)}`);
    }
    const ref = objectRef(apiVersion || 'admissionregistration.k8s.io/v1', str(object.kind), metadata);
    for (const { id, webhooks } of this.components) {
      const hit = webhooks && names.find((name) => webhooks.test(name));
      if (hit) this.push(id, ref, `admission webhook ${hit}`);
    }
  }

  private addTeams(): void {
    const byTeam = new Map<string, string[]>();
    for (const [namespace, team] of this.namespaceTeams) {
      if (!this.namespacesWithWorkloads.has(namespace)) continue;
      byTeam.set(team, [...(byTeam.get(team) ?? []), namespace]);
    }
    if (byTeam.size < 2) return;
    for (const [team, namespaces] of [...byTeam].sort(([a], [b]) => a.localeCompare(b))) {
      for (const namespace of namespaces.sort()) this.push('multi-team-namespaces', `v1 Namespace ${namespace}`, `team ${team} (label ${this.teamLabel}=${team}) runs workloads here`, Infinity);
    }
  }

  /* ---------- matching ---------- */

  private matchLabels(ref: string, labels: Record<string, string>, annotations: Record<string, string>): void {
    const chartLabel = labels['helm.sh/chart'] ?? labels.chart;
    if (chartLabel) this.matchChart(ref, chartName(chartLabel), `label helm.sh/chart=${chartLabel}`);
    const appName = labels['app.kubernetes.io/name'];
    if (appName) this.matchChart(ref, appName, `label app.kubernetes.io/name=${appName}`);
    if (labels['app.kubernetes.io/managed-by'] === 'Helm') this.push('helm', ref, 'label app.kubernetes.io/managed-by=Helm');
    for (const { id, labels: keys } of this.components) {
      for (const { key, what } of keys ?? []) {
        const value = labels[key] ?? annotations[key];
        if (value !== undefined) this.push(id, ref, `${what} (${key})`);
      }
    }
  }

  private matchChart(ref: string, chart: string, detail: string): void {
    for (const component of this.components) {
      if (component.charts?.some((re) => re.test(chart))) this.push(component.id, ref, detail);
    }
  }

  private push(id: SignalId, ref: string, detail: string, cap = MAX_EVIDENCE_PER_SIGNAL): void {
    let entry = this.evidence.get(id);
    if (!entry) {
      entry = { items: [], keys: new Set() };
      this.evidence.set(id, entry);
    }
    if (entry.items.length >= cap || entry.keys.has(ref)) return;
    entry.keys.add(ref);
    entry.items.push(this.evidenceOf(ref, detail));
  }

  private evidenceOf(object: string, detail: string): ObjectEvidence {
    return { object, detail, cluster: this.cluster, source: 'cluster' };
  }
}

/** The footprints of the signals given (the registry in production) that a cluster can show. */
function compileComponents(detectors: InventoryOptions['detectors']): CompiledComponent[] {
  const compiled: CompiledComponent[] = [];
  for (const detector of detectors) {
    const { images, charts, objects } = detector.component ?? {};
    const { webhooks, labels, daemonSetImages } = detector.cluster ?? {};
    if (!images?.length && !charts?.length && !objects?.length && !webhooks && !labels?.length && !daemonSetImages) continue;
    compiled.push({ id: detector.id, name: detector.name ?? detector.id, images, charts, objects, webhooks, labels, daemonSetImages });
  }
  return compiled;
}

/** "kube-prometheus-stack-56.6.2" → "kube-prometheus-stack". */
export function chartName(label: string): string {
  return label.replace(/-v?\d+(\.\d+)*([-+][0-9A-Za-z.-]*)?$/, '');
}

function chartsOf(object: Obj, group: string, kind: string): string[] {
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
function ownerOf(pod: Obj, metadata: Obj, labels: Record<string, string>): string {
  const namespace = str(metadata.namespace);
  const owner = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences.find((o) => isRecord(o) && o.controller !== false) : undefined;
  if (!isRecord(owner)) return objectRef(str(pod.apiVersion) || 'v1', 'Pod', metadata);
  const kind = str(owner.kind);
  const name = str(owner.name);
  const hash = labels['pod-template-hash'];
  if (kind === 'ReplicaSet' && hash && name.endsWith(`-${hash}`)) return `apps/v1 Deployment ${namespace}/${name.slice(0, -hash.length - 1)}`;
  return `${str(owner.apiVersion)} ${kind} ${namespace}/${name}`;
}

function templateLabels(object: Obj, kind: string): Record<string, string> {
  if (kind === 'Pod') return {};
  const spec = isRecord(object.spec) ? object.spec : {};
  const template = kind === 'CronJob' && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec.template;
  return isRecord(template) && isRecord(template.metadata) ? strings(template.metadata.labels) : {};
}

function containersOf(podSpec: Obj): Container[] {
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

function probeWords(container: Container): string {
  if (container.liveness && container.readiness) return 'liveness and readiness probes';
  return container.liveness ? 'liveness probe only' : 'readiness probe only';
}

function emptyCoverage(): CoverageCount {
  return { covered: 0, total: 0, missing: [], seen: new Set() };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return out;
}
