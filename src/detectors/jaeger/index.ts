import { defineDetector } from '../detector.js';
import { detectTool } from '../../facts/tools/tool-evidence.js';
import { type ConfigFileSpec } from '../../facts/tools/config-files.js';
import { definition } from './definition.js';

/** Jaeger v2 runs on the Collector framework: its config is a collector config with Jaeger's own storage/query extensions. */
export const JAEGER_V2_CONFIG: ConfigFileSpec = {
  name: /\.ya?ml$/i,
  content: [/^[ \t]+jaeger_(storage|query)\s*:/m, /^service\s*:/m, /^[ \t]+pipelines\s*:/m],
  contains: 'jaeger_',
  detail: 'Jaeger v2 configuration',
};

export const detector = defineDetector(definition, (repo) => detectTool(repo, definition.component, { configs: [JAEGER_V2_CONFIG], dockerBases: true }));
