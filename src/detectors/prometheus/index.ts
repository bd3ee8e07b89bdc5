import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { detectTool } from '../../facts/tools/tool-evidence.js';
import { kubePrometheusJsonnet } from '../../facts/k8s/kube-prometheus.js';
import { type ConfigFileSpec } from '../../facts/tools/config-files.js';

export const PROMETHEUS_CONFIGS: ConfigFileSpec[] = [
  // prometheus.yml (or prometheus.yaml, prometheus-*.yml) that really scrapes something
  { name: /^prometheus[\w.-]*\.ya?ml$/i, content: [/^[ \t]*scrape_configs\s*:/m, /^[ \t]*-\s*job_name\s*:/m], detail: 'Prometheus configuration with scrape_configs' },
  // a Prometheus 3 server fed by OTLP or remote write has no scrape jobs, but keeps `global:` beside them
  { name: /^prometheus[\w.-]*\.ya?ml$/i, content: [/^(otlp|remote_write|rule_files|scrape_config_files)\s*:/m, /^global\s*:/m], detail: 'Prometheus configuration' },
];

export const detector = defineDetector(definition, (repo) =>
  detectTool(repo, definition.component, { configs: PROMETHEUS_CONFIGS, dockerBases: true, more: kubePrometheusJsonnet }),
);
