import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsOfKind } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { detectTool } from '../../facts/tools/tool-evidence.js';
import { isOwnUse } from '../../facts/files/paths.js';
import { type ConfigFileSpec } from '../../facts/tools/config-files.js';
import { definition } from './definition.js';

/** Classic Fluent Bit syntax: [INPUT]/[OUTPUT] sections whose entries name a plugin. */
const SECTIONS = [/^[ \t]*\[(INPUT|OUTPUT)\]/im, /^[ \t]*name\s+\S+/im];

export const FLUENT_BIT_CONFIGS: ConfigFileSpec[] = [
  { name: /\.conf$/i, path: /(^|\/)fluent-?bit[^/]*\.conf$|(^|\/)fluent-?bit[^/]*\/.+\.conf$/i, content: SECTIONS, detail: 'Fluent Bit configuration with [INPUT]/[OUTPUT]' },
  // The YAML format (Fluent Bit 2+): `pipeline:` with `inputs:`.
  { name: /^fluent-?bit[^/]*\.ya?ml$/i, content: [/^pipeline\s*:/m, /^[ \t]+inputs\s*:/m], detail: 'Fluent Bit YAML pipeline' },
];

/** A Logging Operator `Logging` resource that turns on its Fluent Bit agent. */
function loggingWithFluentBit(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const object of objectsOfKind(repo, 'logging.banzaicloud.io', 'Logging')) {
    if (!isOwnUse(object.file)) continue;
    const spec = object.doc.spec;
    if (isRecord(spec) && spec.fluentbit !== undefined) evidence.push({ file: object.file, line: lineOf(spec, 'fluentbit', object.line), detail: `Logging ${object.name} runs a Fluent Bit agent` });
  }
  return evidence;
}

export const detector = defineDetector(definition, (repo) =>
  detectTool(repo, definition.component, { configs: FLUENT_BIT_CONFIGS, dockerBases: true, more: loggingWithFluentBit }),
);
