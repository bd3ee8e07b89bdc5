import { defineDetector } from '../detector.js';
import { detectTool } from '../../facts/tools/tool-evidence.js';
import { kubePrometheusJsonnet } from '../../facts/k8s/kube-prometheus.js';
import { type ConfigFileSpec } from '../../facts/tools/config-files.js';
import { definition } from './definition.js';

/** alertmanager.yml: a routing tree and somewhere to send alerts. */
export const ALERTMANAGER_CONFIG: ConfigFileSpec = {
  name: /^alertmanager[\w.-]*\.ya?ml$/i,
  content: [/^[ \t]*route\s*:/m, /^[ \t]*receivers\s*:/m],
  detail: 'Alertmanager configuration with route and receivers',
};

export const detector = defineDetector(definition, (repo) =>
  detectTool(repo, definition.component, { configs: [ALERTMANAGER_CONFIG], dockerBases: true, more: kubePrometheusJsonnet }),
);
