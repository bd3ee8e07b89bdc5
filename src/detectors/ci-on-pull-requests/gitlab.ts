import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { GITLAB_CI, yamlFilesMatching } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isSamplePath } from '../../facts/files/paths.js';

const MR_TEMPLATE = /(^|\/)MergeRequest-Pipelines\.gitlab-ci\.yml$/;

/** GitLab pipelines or jobs that run for merge requests: one place per file, the first found. */
export function gitlabMergeRequestPipelines(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, GITLAB_CI)) {
    if (isSamplePath(file.path)) continue;
    const found = repo.yaml(file.path).map((d) => (isRecord(d.value) ? inPipeline(d.value) : undefined)).find((hit) => hit !== undefined);
    if (found) evidence.push({ file: file.path, ...found });
  }
  return evidence;
}

function inPipeline(doc: Record<string, unknown>): { line: number; detail: string } | undefined {
  const includes = Array.isArray(doc.include) ? doc.include : doc.include === undefined ? [] : [doc.include];
  const index = includes.findIndex((item) => {
    const ref = typeof item === 'string' ? item : isRecord(item) ? item.template ?? item.local ?? item.remote : undefined;
    return typeof ref === 'string' && MR_TEMPLATE.test(ref);
  });
  if (index >= 0) return { line: Array.isArray(doc.include) ? lineOf(doc.include, index) : lineOf(doc, 'include'), detail: 'includes the merge request pipelines template' };
  if (isRecord(doc.workflow)) {
    const rule = mergeRequestRule(doc.workflow.rules);
    if (rule !== undefined) return { line: rule, detail: 'workflow rules run pipelines for merge requests' };
  }
  for (const [name, job] of Object.entries(doc)) {
    if (!isRecord(job) || name === 'workflow') continue;
    const rule = mergeRequestRule(job.rules);
    if (rule !== undefined) return { line: rule, detail: `job "${name}" runs for merge requests (rules)` };
    if (onlyMergeRequests(job.only)) return { line: lineOf(job, 'only'), detail: `job "${name}" runs for merge requests (only)` };
  }
  return undefined;
}

/** Line of the first rule that admits merge request pipelines (a `when: never` rule excludes them). */
function mergeRequestRule(rules: unknown): number | undefined {
  if (!Array.isArray(rules)) return undefined;
  const index = rules.findIndex((rule) => isRecord(rule) && typeof rule.if === 'string' && rule.when !== 'never' && admitsMergeRequests(rule.if));
  return index >= 0 ? lineOf(rules, index) : undefined;
}

/** True when some `||` branch of the condition asks for a merge request and none of its `&&` parts rules them out. */
export function admitsMergeRequests(condition: string): boolean {
  return condition.split('||').some((branch) => {
    const parts = branch.split('&&').map((part) => part.trim().replace(/^\(+|\)+$/g, ''));
    const negated = parts.some((part) => /(merge_request|MERGE_REQUEST)/.test(part) && /!=|!~|==\s*null\b|^!/.test(part));
    const wanted = parts.some((part) => /\$CI_PIPELINE_SOURCE\s*==\s*["']merge_request_event["']|\$CI_MERGE_REQUEST_\w+/.test(part));
    return wanted && !negated;
  });
}

function onlyMergeRequests(only: unknown): boolean {
  const refs = isRecord(only) ? only.refs : only;
  const list = Array.isArray(refs) ? refs : typeof refs === 'string' ? [refs] : [];
  return list.includes('merge_requests');
}
