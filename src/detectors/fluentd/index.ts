import { defineDetector } from '../detector.js';
import { detectTool } from '../../facts/tools/tool-evidence.js';
import { type ConfigFileSpec } from '../../facts/tools/config-files.js';
import { definition } from './definition.js';

/**
 * Fluentd's directive syntax: `<source>` or `<match pattern>` blocks with `@type` plugins. Apache
 * and nginx configs use other tags, and Fluent Bit uses [INPUT]/[OUTPUT] sections.
 */
const DIRECTIVES = [/^[ \t]*<(source|match(\s+[^>]*)?)>/m, /^[ \t]*@type\s+\S+/m];

export const FLUENTD_CONFIGS: ConfigFileSpec[] = [
  // ConfigMap keys are free-form (fluent.conf, kubernetes.conf, output.conf): the content decides.
  { name: /\.conf$/i, path: /(^|\/)(fluent\.conf|fluentd[^/]*\.conf|td-agent\.conf)$|(^|\/)(fluentd|td-agent)[^/]*\/.+\.conf$/i, content: DIRECTIVES, detail: 'Fluentd configuration with <source>/<match>' },
];

export const detector = defineDetector(definition, (repo) => detectTool(repo, definition.component, { configs: FLUENTD_CONFIGS, dockerBases: true }));
