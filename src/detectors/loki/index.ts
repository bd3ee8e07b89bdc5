import { defineDetector } from '../detector.js';
import { detectTool } from '../../facts/tools/tool-evidence.js';
import { type ConfigFileSpec } from '../../facts/tools/config-files.js';
import { definition } from './definition.js';

export const LOKI_CONFIGS: ConfigFileSpec[] = [
  // schema_config is Loki's own (index periods and object store): no other tool writes it.
  { name: /^(loki[\w.-]*|local-config|config)\.ya?ml$/i, path: /loki/i, content: [/^schema_config\s*:/m, /^[ \t]+configs\s*:/m], detail: 'Loki configuration with schema_config' },
  { name: /^loki[\w.-]*\.ya?ml$/i, content: [/^schema_config\s*:/m, /^[ \t]+configs\s*:/m], detail: 'Loki configuration with schema_config' },
  // Promtail pushes to a Loki `clients` URL and scrapes log files.
  { name: /^(promtail[\w.-]*|config)\.ya?ml$/i, path: /promtail/i, content: [/^clients\s*:/m, /^scrape_configs\s*:/m], detail: 'Promtail configuration shipping to Loki' },
  { name: /^promtail[\w.-]*\.ya?ml$/i, content: [/^clients\s*:/m, /^scrape_configs\s*:/m], detail: 'Promtail configuration shipping to Loki' },
];

export const detector = defineDetector(definition, (repo) => detectTool(repo, definition.component, { configs: LOKI_CONFIGS, dockerBases: true }));
