import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import { isEnabling, objectMetadata } from '../../facts/k8s/k8s-metadata.js';
import { signalWithCode } from '../signal-with-code.js';

export const detector = signalWithCode('vault', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const { object, entries } of objectMetadata(repo)) {
    for (const entry of entries) {
      if (entry.kind !== 'annotation') continue;
      const injects = entry.key === 'vault.hashicorp.com/agent-inject' && isEnabling(entry.value, ['true']);
      // Secrets requested from the injector name the Vault path, never a value.
      const requests = entry.key.startsWith('vault.hashicorp.com/agent-inject-secret-');
      if (injects || requests) evidence.push({ file: object.file, line: entry.line, detail: `${object.kind} ${object.name}: annotation ${entry.key}` });
    }
    // External Secrets stores backed by Vault count for Vault as well as for External Secrets.
    if (object.group === 'external-secrets.io' && /^(Cluster)?SecretStore$/.test(object.kind)) {
      const spec = object.doc.spec;
      const provider = isRecord(spec) && isRecord(spec.provider) ? spec.provider : undefined;
      if (provider && isRecord(provider.vault)) {
        evidence.push({ file: object.file, line: lineOf(provider, 'vault', object.line), detail: `${object.kind} ${object.name}: Vault provider` });
      }
    }
  }
  return evidence;
});
