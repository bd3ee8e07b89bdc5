import type { SignalId } from '../core/types.js';
import type { ComponentSpec } from '../facts/component.js';

/** The parts of a ComponentSpec that a cluster can show: running images, chart labels, custom resources. */
export type ClusterComponent = Pick<ComponentSpec, 'images' | 'charts' | 'objects'>;

/**
 * Footprints of tools for detectors that are not in the registry yet. The registry's own
 * `component` spec always wins: an entry here is used only while no detector has that id, so a
 * tool is still described once as soon as its detector lands (then delete the entry).
 */
export const FALLBACK_COMPONENTS: Readonly<Record<SignalId, ClusterComponent>> = {
  prometheus: {
    images: [/(^|\/)prometheus$/, /(^|\/)prometheus-operator$/],
    charts: [/^kube-prometheus-stack$/, /^prometheus$/, /^prometheus-operator$/],
    objects: [{ group: /^monitoring\.coreos\.com$/ }],
  },
  grafana: { images: [/(^|\/)grafana$/], charts: [/^grafana$/], objects: [{ group: /^grafana\.integreatly\.org$/ }] },
  alertmanager: { images: [/(^|\/)alertmanager$/], charts: [/^alertmanager$/], objects: [{ group: /^monitoring\.coreos\.com$/, kind: /^Alertmanager(Config)?$/ }] },
  loki: { images: [/(^|\/)loki$/], charts: [/^loki(-stack|-distributed|-simple-scalable)?$/] },
  elasticsearch: { images: [/(^|\/)elasticsearch$/], charts: [/^elasticsearch$/], objects: [{ group: /^elasticsearch\.k8s\.elastic\.co$/ }] },
  kibana: { images: [/(^|\/)kibana$/], charts: [/^kibana$/], objects: [{ group: /^kibana\.k8s\.elastic\.co$/ }] },
  fluentd: { images: [/(^|\/)fluentd(-kubernetes-daemonset)?$/], charts: [/^fluentd$/] },
  'fluent-bit': { images: [/(^|\/)fluent-bit$/], charts: [/^fluent-bit$/], objects: [{ group: /^fluentbit\.fluent\.io$/ }] },
  'argo-cd': {
    images: [/(^|\/)argocd$/],
    charts: [/^argo-cd$/],
    objects: [{ group: /^argoproj\.io$/, kind: /^(Application|ApplicationSet|AppProject)$/ }],
  },
  flux: { images: [/^fluxcd\/(source|kustomize|helm|notification)-controller$/], charts: [/^flux2?$/], objects: [{ group: /\.toolkit\.fluxcd\.io$/ }] },
  spinnaker: { images: [/(^|\/)spinnaker\/(deck|gate|orca|clouddriver)$/], charts: [/^spinnaker$/], objects: [{ group: /^spinnaker\.io$/ }] },
  tekton: { images: [/tektoncd\/pipeline\/cmd\/controller$/], objects: [{ group: /(^|\.)tekton\.dev$/ }] },
  jenkins: { images: [/^jenkins\/jenkins$/], charts: [/^jenkins$/] },
  nexus: { images: [/^sonatype\/nexus3?$/], charts: [/^nexus(-repository-manager)?$/] },
  istio: { images: [/^istio\/(pilot|proxyv2)$/], charts: [/^istiod$/], objects: [{ group: /(^|\.)istio\.io$/ }] },
  linkerd: { images: [/(^|\/)linkerd\/(controller|proxy)$/], charts: [/^linkerd(2|-control-plane)$/], objects: [{ group: /(^|\.)linkerd\.io$/ }] },
  'consul-connect': { images: [/^hashicorp\/consul-k8s-control-plane$/], objects: [{ group: /^consul\.hashicorp\.com$/ }] },
  vault: { images: [/^hashicorp\/vault(-k8s|-secrets-operator)?$/], charts: [/^vault(-secrets-operator)?$/], objects: [{ group: /^secrets\.hashicorp\.com$/ }] },
  'external-secrets': { images: [/(^|\/)external-secrets\/external-secrets$/], charts: [/^external-secrets$/], objects: [{ group: /^(generators\.)?external-secrets\.io$/ }] },
  'sealed-secrets': { images: [/(^|\/)sealed-secrets-controller$/], charts: [/^sealed-secrets$/], objects: [{ group: /^bitnami\.com$/, kind: /^SealedSecret$/ }] },
  falco: { images: [/^falcosecurity\/falco(-no-driver)?$/], charts: [/^falco$/] },
  jaeger: { images: [/^jaegertracing\/(all-in-one|jaeger|jaeger-(collector|query|agent|operator))$/], charts: [/^jaeger(-operator)?$/], objects: [{ group: /^jaegertracing\.io$/ }] },
  opentelemetry: {
    images: [/opentelemetry-collector(-contrib|-k8s)?$/, /opentelemetry-operator$/],
    charts: [/^opentelemetry-(collector|operator|kube-stack)$/],
    objects: [{ group: /^opentelemetry\.io$/ }],
  },
  zipkin: { images: [/^openzipkin\/zipkin$/], charts: [/^zipkin$/] },
  trivy: { images: [/^aquasec(urity)?\/trivy(-operator)?$/], charts: [/^trivy-operator$/], objects: [{ group: /^aquasecurity\.github\.io$/ }] },
  kops: { objects: [{ group: /^kops\.k8s\.io$/ }] },
};

/** Admission webhooks that inject a tool into every pod: the configuration name, webhook names or service. */
export const WEBHOOK_FOOTPRINTS: readonly { id: SignalId; pattern: RegExp }[] = [
  { id: 'vault', pattern: /vault-agent-injector|vault\.hashicorp\.com/ },
  { id: 'istio', pattern: /istio-sidecar-injector|sidecar-injector\.istio\.io|(^|[.-])istiod([.-]|$)|validation\.istio\.io/ },
  { id: 'linkerd', pattern: /linkerd-proxy-injector|linkerd\.io/ },
];

/** Labels and annotations that say which tool deployed an object. */
export const DELIVERY_LABELS: readonly { id: SignalId; key: string; what: string }[] = [
  { id: 'argo-cd', key: 'argocd.argoproj.io/instance', what: 'deployed by Argo CD' },
  { id: 'argo-cd', key: 'argocd.argoproj.io/tracking-id', what: 'deployed by Argo CD' },
  { id: 'flux', key: 'kustomize.toolkit.fluxcd.io/name', what: 'deployed by a Flux Kustomization' },
  { id: 'flux', key: 'helm.toolkit.fluxcd.io/name', what: 'deployed by a Flux HelmRelease' },
];

/** Custom resources worth listing when their CRD exists: they show a tool in use, not only installed. */
export const SELECTED_CUSTOM_RESOURCES: readonly { group: string; resource: string; kind: string }[] = [
  { group: 'argoproj.io', resource: 'applications', kind: 'Application' },
  { group: 'kustomize.toolkit.fluxcd.io', resource: 'kustomizations', kind: 'Kustomization' },
  { group: 'helm.toolkit.fluxcd.io', resource: 'helmreleases', kind: 'HelmRelease' },
  { group: 'monitoring.coreos.com', resource: 'servicemonitors', kind: 'ServiceMonitor' },
  { group: 'external-secrets.io', resource: 'externalsecrets', kind: 'ExternalSecret' },
  { group: 'bitnami.com', resource: 'sealedsecrets', kind: 'SealedSecret' },
];
