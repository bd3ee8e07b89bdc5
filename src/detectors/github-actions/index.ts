import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { GITHUB_WORKFLOW, yamlFilesMatching } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import { signalWithCode } from '../signal-with-code.js';

/** signal.yaml holds the runners' footprint; code reads workflows' structure (triggers and jobs). */
export const detector = signalWithCode('github-actions', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, GITHUB_WORKFLOW)) {
    const workflow = repo.yaml(file.path)[0];
    const doc = workflow?.value;
    // A workflow needs both: triggers and at least one job (a file with only `on:` never runs).
    if (!workflow || !isRecord(doc) || doc.on === undefined || !isRecord(doc.jobs) || Object.keys(doc.jobs).length === 0) continue;
    const name = typeof doc.name === 'string' ? `"${doc.name}" ` : '';
    evidence.push({ file: file.path, line: lineOf(doc, 'jobs', workflow.line), detail: `workflow ${name}with jobs ${Object.keys(doc.jobs).slice(0, 5).join(', ')}` });
  }
  return evidence;
});
