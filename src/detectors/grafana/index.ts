import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsWhere } from '../../facts/k8s/k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';
import { isOwnUse } from '../../facts/files/paths.js';
import { kubePrometheusJsonnet } from '../../facts/k8s/kube-prometheus.js';
import { signalWithCode } from '../signal-with-code.js';
import { keepOwnUse } from '../../facts/files/own-use.js';
import { pastTemplateLines } from '../../facts/k8s/template-lines.js';
import { isOffByDefault } from '../../facts/k8s/chart-defaults.js';

/**
 * Dashboards and datasources shipped as ConfigMaps labelled for the Grafana sidecar (kube-prometheus-stack,
 * grafana chart). A chart's template that its defaults leave out (`{{ if .Values.dashboard.enabled }}`
 * with `enabled: false`) offers the dashboard to the users' Grafana; nothing here renders it.
 */
function sidecarConfigMaps(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const object of objectsWhere(repo, (_group, kind) => kind === 'ConfigMap')) {
    if (!isOwnUse(object.file) || isOffByDefault(repo, object)) continue;
    const labels = isRecord(object.doc.metadata) && isRecord(object.doc.metadata.labels) ? object.doc.metadata.labels : undefined;
    const label = labels && Object.keys(labels).find((key) => /^grafana_(dashboard|datasource)s?$/.test(key));
    if (label) evidence.push({ file: object.file, line: object.line, detail: `ConfigMap ${object.name} labelled ${label} for the Grafana sidecar` });
  }
  return evidence;
}

/** signal.yaml holds the footprint and configurations; code adds what they cannot say, own use only, past template lines. */
export const detector = signalWithCode('grafana', (repo) => pastTemplates(repo, [...kubePrometheusJsonnet(repo), ...sidecarConfigMaps(repo)]));

function pastTemplates(repo: Repository, evidence: FileEvidence[]): FileEvidence[] {
  return keepOwnUse(repo, evidence).map((item) => pastTemplateLines(repo, item));
}
