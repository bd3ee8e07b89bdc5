import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsWhere } from '../../facts/k8s/k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { detectTool } from '../../facts/tools/tool-evidence.js';
import { isOwnUse } from '../../facts/files/paths.js';
import { kubePrometheusJsonnet } from '../../facts/k8s/kube-prometheus.js';
import { type ConfigFileSpec } from '../../facts/tools/config-files.js';
import { definition } from './definition.js';

export const GRAFANA_CONFIGS: ConfigFileSpec[] = [
  // provisioning/datasources/*.yaml: `apiVersion: 1` then `datasources:` with at least one entry
  { name: /\.ya?ml$/i, path: /(^|\/)(provisioning\/)?datasources\/[^/]+$/i, content: [/^datasources\s*:/m, /^[ \t]*-?\s*type\s*:/m], detail: 'Grafana datasource provisioning' },
  { name: /^([\w-]*[-_])?datasources?\.ya?ml$/i, content: [/^datasources\s*:/m, /^[ \t]*-?\s*type\s*:/m], detail: 'Grafana datasource provisioning' },
  // provisioning/dashboards/*.yaml: `providers:` pointing at a folder of dashboards
  { name: /\.ya?ml$/i, path: /(^|\/)provisioning\/dashboards\/[^/]+$/i, content: [/^providers\s*:/m, /^[ \t]*-?\s*(type|folder|options)\s*:/m], detail: 'Grafana dashboard provisioning' },
  { name: /^grafana\.ini$/i, content: [/^[ \t]*\[(server|database|security|auth[\w.]*|paths|users|smtp|analytics|dashboards|log)\]/m], detail: 'Grafana configuration (grafana.ini)' },
];

/** Dashboards and datasources shipped as ConfigMaps labelled for the Grafana sidecar (kube-prometheus-stack, grafana chart). */
function sidecarConfigMaps(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const object of objectsWhere(repo, (_group, kind) => kind === 'ConfigMap')) {
    if (!isOwnUse(object.file)) continue;
    const labels = isRecord(object.doc.metadata) && isRecord(object.doc.metadata.labels) ? object.doc.metadata.labels : undefined;
    const label = labels && Object.keys(labels).find((key) => /^grafana_(dashboard|datasource)s?$/.test(key));
    if (label) evidence.push({ file: object.file, line: object.line, detail: `ConfigMap ${object.name} labelled ${label} for the Grafana sidecar` });
  }
  return evidence;
}

export const detector = defineDetector(definition, (repo) =>
  detectTool(repo, definition.component, {
    configs: GRAFANA_CONFIGS,
    dockerBases: true,
    more: (r) => [...kubePrometheusJsonnet(r), ...sidecarConfigMaps(r)],
  }),
);
