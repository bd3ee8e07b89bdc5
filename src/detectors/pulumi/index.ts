import type { FileEvidence } from '../../core/types.js';
import { findComponent } from '../../facts/tools/component.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isProse } from '../../facts/files/paths.js';
import { ownPlaces } from '../../facts/files/text-lines.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { yamlFilesMatching } from '../../facts/files/paths.js';

const PROJECT = /(^|\/)Pulumi\.ya?ml$/;
const STACK = /(^|\/)Pulumi\.([^/.]+)\.ya?ml$/;

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [...projectFiles(repo), ...stackFiles(repo)];
  evidence.push(...findComponent(repo, definition.component));
  return ownPlaces(evidence);
});

/** Pulumi.yaml: a project names its language runtime (a template's Pulumi.yaml does too). */
function projectFiles(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, PROJECT)) {
    if (isProse(file.path)) continue;
    const doc = repo.yaml(file.path)[0]?.value;
    if (!isRecord(doc) || doc.runtime === undefined) continue;
    const runtime = isRecord(doc.runtime) ? doc.runtime.name : doc.runtime;
    out.push({ file: file.path, line: lineOf(doc, 'runtime'), detail: `Pulumi project (${typeof runtime === 'string' ? runtime : 'runtime'})` });
  }
  return out;
}

/**
 * Pulumi.<stack>.yaml: stack settings under `config:` or a secrets provider. The evidence points at
 * the key only; configuration values may be secrets (even encrypted ones stay out of reports).
 */
function stackFiles(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, STACK)) {
    if (isProse(file.path)) continue;
    const doc = repo.yaml(file.path)[0]?.value;
    if (!isRecord(doc)) continue;
    const key = ['config', 'secretsprovider', 'encryptionsalt'].find((k) => doc[k] !== undefined);
    if (!key) continue;
    const stack = STACK.exec(file.path)![2]!;
    out.push({ file: file.path, line: lineOf(doc, key), detail: `Pulumi stack ${stack}` });
  }
  return out;
}
