import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsOfKind } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isOwnUse } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';
import { keepOwnUse } from '../../facts/files/own-use.js';
import { pastTemplateLines } from '../../facts/k8s/template-lines.js';

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

/** signal.yaml holds the footprint and configurations; code adds what they cannot say, own use only, past template lines. */
export const detector = signalWithCode('fluent-bit', (repo) => pastTemplates(repo, loggingWithFluentBit(repo)));

function pastTemplates(repo: Repository, evidence: FileEvidence[]): FileEvidence[] {
  return keepOwnUse(repo, evidence).map((item) => pastTemplateLines(repo, item));
}
