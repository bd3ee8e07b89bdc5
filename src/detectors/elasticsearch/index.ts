import { defineDetector } from '../detector.js';
import { detectTool } from '../../facts/tools/tool-evidence.js';
import { type ConfigFileSpec } from '../../facts/tools/config-files.js';
import { definition } from './definition.js';

/** elasticsearch.yml / opensearch.yml with node or cluster settings (an empty or commented file is not a deployment). */
export const ELASTICSEARCH_CONFIG: ConfigFileSpec = {
  name: /^(elasticsearch|opensearch)\.ya?ml$/i,
  content: [/^[ \t]*(cluster\.name|node\.name|network\.host|discovery\.[\w.]+|path\.(data|logs)|xpack\.[\w.]+|plugins\.security\.[\w.]+|cluster\.initial_master_nodes)\s*:/m],
  detail: 'Elasticsearch/OpenSearch node configuration',
};

export const detector = defineDetector(definition, (repo) => detectTool(repo, definition.component, { configs: [ELASTICSEARCH_CONFIG], dockerBases: true }));
