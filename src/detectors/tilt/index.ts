import type { FileEvidence } from '../../core/types.js';
import type { Repository } from '../../workspace/repository.js';
import { commandEvidence } from '../../facts/ci/ci-evidence.js';
import { runsTool } from '../../facts/ci/tool-runs.js';
import { isTestDataPath } from '../../facts/files/paths.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

const TILTFILE = /(^|\/)(Tiltfile(\.[^/]+)?|[^/]+\.tiltfile)$/i;
/** Tiltfile built-ins that only a Tiltfile calls (Starlark: a line that starts with `#` is a comment). */
const TILT_CALL = /^[^#]*\b(k8s_yaml|docker_build|helm|local_resource|k8s_resource|custom_build|docker_compose|k8s_custom_deploy|helm_resource|dc_resource)\s*\(/;

export function runsTilt(text: string): boolean {
  return runsTool(text, 'tilt|\\$[({]TILT(?:_[A-Z]+)?[)}]', /^(up|ci|down|trigger)\b/);
}

function tiltfiles(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(TILTFILE)) {
    if (isTestDataPath(file.path)) continue;
    const lines = (repo.text(file.path) ?? '').split('\n');
    const index = lines.findIndex((line) => TILT_CALL.test(line));
    if (index >= 0) evidence.push({ file: file.path, line: index + 1, detail: `Tiltfile calls ${TILT_CALL.exec(lines[index]!)![1]}()` });
  }
  return evidence;
}

export const detector = defineDetector(definition, (repo) => [...tiltfiles(repo), ...commandEvidence(repo, runsTilt)]);
