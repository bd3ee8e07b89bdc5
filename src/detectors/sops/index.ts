import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsOfKind } from '../../facts/k8s/k8s-objects.js';
import { YAML_FILE } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { signalWithCode } from '../signal-with-code.js';
import { isSopsMetadata } from '../../facts/k8s/sops-metadata.js';

export const detector = signalWithCode('sops', (repo) => {
  const evidence: FileEvidence[] = [...encryptedFiles(repo)];
  for (const object of objectsOfKind(repo, 'kustomize.toolkit.fluxcd.io', 'Kustomization')) {
    const spec = object.doc.spec;
    const decryption = isRecord(spec) && isRecord(spec.decryption) ? spec.decryption : undefined;
    if (decryption?.provider === 'sops') {
      evidence.push({ file: object.file, line: lineOf(decryption, 'provider', object.line), detail: `Flux Kustomization ${object.name}: decryption.provider sops` });
    }
  }
  return evidence;
});

/** Files SOPS encrypted: YAML and JSON with a `sops` metadata block, dotenv/ini with `sops_mac=`. */
function encryptedFiles(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(/\.(ya?ml|json|env|ini)$|(^|\/)\.env(\.[^/]+)?$/i)) {
    const text = repo.text(file.path);
    // Cheap pre-filter before any parse: SOPS always writes its mac.
    if (text === undefined || !text.includes('sops') || !text.includes('mac')) continue;
    if (YAML_FILE.test(file.path)) {
      for (const document of repo.yaml(file.path)) {
        if (isRecord(document.value) && isSopsMetadata(document.value.sops)) {
          evidence.push({ file: file.path, line: lineOf(document.value, 'sops', document.line), detail: 'SOPS-encrypted file' });
        }
      }
    } else if (/\.json$/i.test(file.path)) {
      const value = repo.json(file.path);
      if (isRecord(value) && isSopsMetadata(value.sops)) evidence.push({ file: file.path, line: repo.lineOfText(file.path, '"sops"'), detail: 'SOPS-encrypted file' });
    } else if (/^sops_mac=ENC\[/m.test(text)) {
      evidence.push({ file: file.path, line: repo.lineOfText(file.path, /^sops_mac=/m), detail: 'SOPS-encrypted file' });
    }
  }
  return evidence;
}
