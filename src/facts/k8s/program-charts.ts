/**
 * Helm charts installed from infrastructure programs, in every language their SDKs are written in:
 *
 * - AWS CDK: `cluster.addHelmChart('id', { chart, repository })` (`add_helm_chart`, `AddHelmChart`),
 *   `new eks.HelmChart(this, 'id', { cluster, chart })` (Go `awseks.NewHelmChart`, Java
 *   `HelmChart.Builder.create(…).chart("…")`);
 * - EKS Blueprints: a custom add-on (`extends HelmAddOn`, its chart in the default props) and the
 *   built-in add-on classes, each of which installs one chart (BLUEPRINTS_ADDON_CHARTS);
 * - Pulumi: `k8s.helm.v3.Chart`, `k8s.helm.v3.Release`, `k8s.helm.v4.Chart` (TypeScript, Python,
 *   Go `helmv3.NewRelease`, C#, Java) and Pulumi YAML's `type: kubernetes:helm.sh/v3:Release`.
 *
 * The chart is the first `chart` value written after the construct (`chart: 'x'`, `chart="x"`,
 * `Chart: pulumi.String("x")`, `.chart("x")`, YAML `chart: x`), before the next construct; a
 * chart held in a variable is not named. Charts found here are matched to tools exactly as a
 * helm_release's are (facts/k8s/charts.ts).
 */
import type { Repository } from '../../workspace/repository.js';
import { lineAtOffset } from '../../workspace/repository.js';
import { compileConstructs, constructUses } from '../iac/program-constructs.js';
import type { ChartRef } from './chart-ref.js';

/** Constructs that install a chart given as an argument. */
const HELM_CONSTRUCTS = ['addHelmChart', 'add_helm_chart', 'AddHelmChart', 'eks.HelmChart', 'HelmAddOn', 'helm.v3.Chart', 'helm.v3.Release', 'helm.v4.Chart'];

/**
 * The chart each built-in add-on class of cdk-eks-blueprints installs with Helm (its default
 * props' `chart`). Add-ons that install an EKS managed add-on or plain manifests are not here.
 */
export const BLUEPRINTS_ADDON_CHARTS: Readonly<Record<string, string>> = {
  ArgoCDAddOn: 'argo-cd',
  AwsForFluentBitAddOn: 'aws-for-fluent-bit',
  AwsLoadBalancerControllerAddOn: 'aws-load-balancer-controller',
  CalicoOperatorAddOn: 'tigera-operator',
  CertManagerAddOn: 'cert-manager',
  ClusterAutoScalerAddOn: 'cluster-autoscaler',
  EfsCsiDriverAddOn: 'aws-efs-csi-driver',
  ExternalDnsAddOn: 'external-dns',
  ExternalsSecretsAddOn: 'external-secrets',
  FluxCDAddOn: 'flux2',
  GrafanaOperatorAddon: 'grafana-operator',
  IngressNginxAddOn: 'ingress-nginx',
  IstioBaseAddOn: 'base',
  IstioControlPlaneAddOn: 'istiod',
  KarpenterAddOn: 'karpenter',
  KedaAddOn: 'keda',
  KubecostAddOn: 'cost-analyzer',
  KubeStateMetricsAddOn: 'kube-state-metrics',
  KubeviousAddOn: 'kubevious',
  MetricsServerAddOn: 'metrics-server',
  NginxAddOn: 'nginx-ingress',
  OpaGatekeeperAddOn: 'gatekeeper',
  PrometheusNodeExporterAddOn: 'prometheus-node-exporter',
  SecretsStoreAddOn: 'secrets-store-csi-driver',
  VeleroAddOn: 'velero',
};

const HELM = compileConstructs(HELM_CONSTRUCTS, () => false)!;
const ADDONS = compileConstructs(Object.keys(BLUEPRINTS_ADDON_CHARTS), () => false)!;
/** A call `Chart("name", …)` names the resource, not the chart: only a key or a builder method (lower case) gives it. */
/** `chart: 'x'`, `chart="x"`, `"chart": "x"`, `Chart: jsii.String("x")`, `Chart = "x"`, `.chart("x")`, YAML `chart: x`. */
const CHART_VALUE = /\b(?:[cC]hart["']?\s*[:=]|chart\()\s*(?:(?:pulumi|jsii)\.String\(\s*)?(?:["'`]([^"'`\n$]+)["'`]|([\w./:@-]+)\s*$)/m;
const REPOSITORY_VALUE = /\b(?:[rR]epo(?:sitory)?["']?\s*[:=]|repo(?:sitory)?\()\s*(?:(?:pulumi|jsii)\.String\(\s*)?["'`]([^"'`\n$]+)["'`]/;
/** How far after a construct its arguments are looked for. */
const WINDOW = 1500;

export function programHelmCharts(repo: Repository, chartName: (reference: string) => string): ChartRef[] {
  const refs: ChartRef[] = [];
  const uses = constructUses(repo, HELM);
  const offsets = new Map<string, number[]>();
  for (const use of uses) {
    const text = repo.text(use.file) ?? '';
    let lines = offsets.get(use.file);
    if (lines === undefined) offsets.set(use.file, (lines = lineOffsets(text)));
    const next = uses.find((other) => other.file === use.file && other.line > use.line);
    const from = lines[use.line - 1]!;
    // A HelmAddOn subclass names its chart in default props written before the class.
    const window = /\bextends\s/.test(use.text) ? text : text.slice(from, Math.min(from + WINDOW, next ? lines[next.line - 1]! : text.length));
    const chart = CHART_VALUE.exec(window);
    const name = chart?.[1] ?? (use.file.endsWith('.yaml') || use.file.endsWith('.yml') ? chart?.[2] : undefined);
    if (chart === null || name === undefined || /^(var|local|props|this)\b/.test(name)) continue;
    const at = (window === text ? 0 : from) + chart.index;
    const repository = REPOSITORY_VALUE.exec(window)?.[1];
    const ref: ChartRef = { chart: chartName(name), file: use.file, line: lineAtOffset(text, at), via: 'infra-program' };
    if (name.includes('/')) ref.reference = name;
    if (repository) ref.repository = repository;
    refs.push(ref);
  }
  for (const use of constructUses(repo, ADDONS)) {
    const addOn = Object.keys(BLUEPRINTS_ADDON_CHARTS).find((name) => use.seen.endsWith(name));
    if (addOn) refs.push({ chart: BLUEPRINTS_ADDON_CHARTS[addOn]!, file: use.file, line: use.line, via: 'infra-program' });
  }
  return refs;
}

function lineOffsets(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}
