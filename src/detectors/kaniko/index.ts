import type { FileEvidence } from '../../core/types.js';
import type { Repository } from '../../workspace/repository.js';
import { ciToolEvidence, commandEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { isTestDataPath } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';
import { yamlFilesMatching } from '../../facts/files/paths.js';

/** `/kaniko/executor …`, or a bare `executor` with kaniko's own flags (the debug image puts it on PATH). */
export function runsKaniko(text: string): boolean {
  return /(^|[\s"'])\/kaniko\/executor\b/.test(text) || /(^|[\s;&|])executor(:\S+)?\s+.*--(destination|dockerfile|context|no-push)\b/.test(text);
}

/** Skaffold's in-cluster kaniko builder: `build.cluster` plus `kaniko:` on an artifact. */
function skaffoldKaniko(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, /(^|\/)skaffold[^/]*\.ya?ml$/i)) {
    if (isTestDataPath(file.path)) continue;
    const text = repo.text(file.path) ?? '';
    if (!/^apiVersion:\s*skaffold\//m.test(text)) continue;
    const line = text.split('\n').findIndex((l) => /^\s+kaniko:/.test(l));
    if (line >= 0) evidence.push({ file: file.path, line: line + 1, detail: 'Skaffold kaniko builder' });
  }
  return evidence;
}

export const detector = signalWithCode('kaniko', (repo) =>
  uniquePlaces([
    ...ciToolEvidence(repo, { images: /(^|\/)kaniko-project\/executor(:|@|$)/i, tektonTasks: /^kaniko$/ }),
    ...commandEvidence(repo, runsKaniko),
    ...skaffoldKaniko(repo),
  ]),
);
