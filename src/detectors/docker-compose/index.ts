import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import { isSampleOrDocPath } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';
import { COMPOSE_FILE, yamlFilesMatching } from '../../facts/files/paths.js';

/** signal.yaml holds what is data (the actions that run Compose); code reads Compose files' `services:`. */
export const detector = signalWithCode('docker-compose', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, COMPOSE_FILE)) {
    if (isSampleOrDocPath(file.path)) continue;
    for (const document of repo.yaml(file.path)) {
      const doc = document.value;
      if (!isRecord(doc) || !isRecord(doc.services) || Object.keys(doc.services).length === 0) continue;
      const count = Object.keys(doc.services).length;
      evidence.push({ file: file.path, line: lineOf(doc, 'services', document.line), detail: `Compose file with ${count} service${count === 1 ? '' : 's'}` });
      break;
    }
  }
  return evidence;
});
