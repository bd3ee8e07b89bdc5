import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { CIRCLECI, yamlFilesMatching } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import { signalWithCode } from '../signal-with-code.js';

/** signal.yaml holds the runners' footprint; code reads the configuration's structure (version with jobs or workflows). */
export const detector = signalWithCode('circleci', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, CIRCLECI)) {
    for (const document of repo.yaml(file.path)) {
      const config = document.value;
      if (!isRecord(config) || config.version === undefined) continue;
      const key = isRecord(config.jobs) ? 'jobs' : isRecord(config.workflows) ? 'workflows' : undefined;
      if (key === undefined) continue;
      const names = Object.keys(config[key] as Record<string, unknown>).filter((name) => name !== 'version');
      evidence.push({ file: file.path, line: lineOf(config, key, document.line), detail: `CircleCI ${key}: ${names.slice(0, 5).join(', ')}` });
      break;
    }
  }
  return evidence;
});
