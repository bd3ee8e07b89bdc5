import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { GITLAB_CI, yamlFilesMatching } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import { isSamplePath } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';

/** Top-level keys that configure the pipeline rather than name a job. */
const GLOBAL_KEYS = new Set(['stages', 'include', 'variables', 'default', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'spec', 'pages']);

/** signal.yaml holds the runners' footprint; code reads the pipeline files' structure. */
export const detector = signalWithCode('gitlab-ci', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, GITLAB_CI)) {
    if (isSamplePath(file.path)) continue;
    for (const document of repo.yaml(file.path)) {
      const doc = document.value;
      if (!isRecord(doc)) continue;
      const jobs = Object.keys(doc).filter((key) => !GLOBAL_KEYS.has(key) && isJob(doc[key]));
      const first = ['include', 'stages'].find((key) => doc[key] !== undefined) ?? jobs.filter((job) => !job.startsWith('.'))[0] ?? jobs[0];
      if (first === undefined) continue;
      const visible = jobs.filter((job) => !job.startsWith('.'));
      const detail = visible.length > 0 ? `GitLab CI jobs: ${visible.slice(0, 5).join(', ')}` : `GitLab CI ${first}`;
      evidence.push({ file: file.path, line: lineOf(doc, first, document.line), detail });
      break;
    }
  }
  return evidence;
});

/** A job (or a hidden `.template` job) runs a script, triggers a pipeline or extends another job. */
function isJob(value: unknown): boolean {
  return isRecord(value) && (value.script !== undefined || value.trigger !== undefined || value.extends !== undefined || value.run !== undefined);
}
