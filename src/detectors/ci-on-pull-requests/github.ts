import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { GITHUB_WORKFLOW, yamlFilesMatching } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** Workflows whose `on:` names a pull-request event (as a string, a list or a mapping). */
export function githubPullRequestWorkflows(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, GITHUB_WORKFLOW)) {
    const workflow = repo.yaml(file.path)[0];
    const doc = workflow?.value;
    if (!workflow || !isRecord(doc) || !isRecord(doc.jobs)) continue;
    const on = doc.on;
    let hit: { event: string; line: number } | undefined;
    if (typeof on === 'string' && PR_EVENTS.has(on)) hit = { event: on, line: lineOf(doc, 'on') };
    else if (Array.isArray(on)) {
      const index = on.findIndex((event) => typeof event === 'string' && PR_EVENTS.has(event));
      if (index >= 0) hit = { event: on[index] as string, line: lineOf(on, index, lineOf(doc, 'on')) };
    } else if (isRecord(on)) {
      const event = Object.keys(on).find((key) => PR_EVENTS.has(key));
      if (event) hit = { event, line: lineOf(on, event, lineOf(doc, 'on')) };
    }
    if (hit) evidence.push({ file: file.path, line: hit.line, detail: `workflow ${typeof doc.name === 'string' ? `"${doc.name}" ` : ''}runs on ${hit.event}` });
  }
  return evidence;
}
