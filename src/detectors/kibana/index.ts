import { defineDetector } from '../detector.js';
import { detectTool } from '../../facts/tools/tool-evidence.js';
import { type ConfigFileSpec } from '../../facts/tools/config-files.js';
import { definition } from './definition.js';

export const KIBANA_CONFIG: ConfigFileSpec = {
  name: /^(kibana|opensearch_dashboards)\.ya?ml$/i,
  content: [/^[ \t]*(server\.[\w.]+|elasticsearch\.(hosts|username|ssl[\w.]*)|opensearch\.(hosts|username|ssl[\w.]*)|xpack\.[\w.]+)\s*:/m],
  detail: 'Kibana/OpenSearch Dashboards configuration',
};

export const detector = defineDetector(definition, (repo) => detectTool(repo, definition.component, { configs: [KIBANA_CONFIG], dockerBases: true }));
