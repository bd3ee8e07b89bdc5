import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsOfKind } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { isSopsMetadata } from '../../facts/k8s/sops-metadata.js';
import { definition } from './definition.js';
import { holdsLiteralSecret } from './literal.js';
import { yamlFilesMatching } from '../../facts/files/paths.js';

/** Folders of samples and tests: their Secrets hold dummy values by design. */
const NOT_THE_TEAMS = /(^|\/)(tests?|testdata|test-data|__tests__|fixtures|e2e|examples?|samples?|docs?)\//i;

export const detector = defineDetector(definition, (repo) => [...secretObjects(repo), ...secretGenerators(repo)]);

function secretObjects(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const object of objectsOfKind(repo, '', 'Secret')) {
    if (object.apiVersion !== 'v1' || NOT_THE_TEAMS.test(object.file)) continue;
    // SOPS keeps the document's shape and encrypts values in place: the `sops` block marks it.
    if (isSopsMetadata(object.doc.sops)) continue;
    for (const field of ['data', 'stringData'] as const) {
      const map = object.doc[field];
      if (!isRecord(map)) continue;
      for (const [key, value] of Object.entries(map)) {
        if (!holdsLiteralSecret(key, value, field === 'data')) continue;
        // The detail names the Secret and the key: never the value, not even a prefix of it.
        evidence.push({ file: object.file, line: lineOf(map, key, object.line), detail: `Secret ${object.name || '(unnamed)'} key ${key}` });
      }
    }
  }
  return evidence;
}

/**
 * kustomize `secretGenerator` entries with `literals: [KEY=value]` put the value in git; entries
 * with `envs:`/`files:` read files that are usually git-ignored, so they are not judged here.
 */
function secretGenerators(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, /(^|\/)kustomization\.ya?ml$/i)) {
    if (NOT_THE_TEAMS.test(file.path)) continue;
    for (const document of repo.yaml(file.path)) {
      const generators = isRecord(document.value) ? document.value.secretGenerator : undefined;
      if (!Array.isArray(generators)) continue;
      for (const generator of generators) {
        if (!isRecord(generator) || !Array.isArray(generator.literals)) continue;
        const literals = generator.literals;
        literals.forEach((literal, index) => {
          if (typeof literal !== 'string') return;
          const eq = literal.indexOf('=');
          if (eq <= 0 || !holdsLiteralSecret(literal.slice(0, eq), literal.slice(eq + 1), false)) return;
          const name = typeof generator.name === 'string' ? generator.name : '(unnamed)';
          evidence.push({ file: file.path, line: lineOf(literals, index, lineOf(generator, 'literals')), detail: `Secret ${name} key ${literal.slice(0, eq)} (secretGenerator literal)` });
        });
      }
    }
  }
  return evidence;
}
