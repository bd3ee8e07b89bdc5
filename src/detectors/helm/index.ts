import type { FileEvidence } from '../../core/types.js';
import { chartRefs, type ChartRef } from '../../facts/k8s/charts.js';
import { findComponent } from '../../facts/tools/component.js';
import { terraformProviders } from '../../facts/iac/terraform.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

/**
 * A Chart.yaml (with apiVersion and name) or a release of a chart by a tool that runs Helm
 * (kustomize `helmCharts` inflate the chart with helm template; k3s's and RKE2's helm-controller
 * installs a HelmChart object's chart with helm; CDK's and Pulumi's Helm constructs run helm).
 */
const HELM_RELEASES = new Set<ChartRef['via']>([
  'chart', 'helm_release', 'flux-helmrelease', 'argocd-application', 'helmfile', 'ansible-helm', 'cloudformation-helm', 'kustomize', 'helmchart-crd', 'infra-program',
]);

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const ref of chartRefs(repo)) {
    if (HELM_RELEASES.has(ref.via)) {
      evidence.push({ file: ref.file, line: ref.line, detail: ref.via === 'chart' ? `chart ${ref.chart}` : `release of chart ${ref.chart} (${ref.via})` });
    }
  }
  evidence.push(...findComponent(repo, definition.component));
  // Provider-only use: a configuration that sets up the helm provider and no release of its own
  // hands it to modules that install charts through it. Shown only when nothing else shows Helm.
  if (evidence.length === 0) {
    for (const provider of terraformProviders(repo, /^helm$/)) evidence.push({ file: provider.file, line: provider.line, detail: 'Terraform helm provider (releases made by the modules it is passed to)' });
  }
  return evidence;
});
