import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { CIRCLECI, yamlFilesMatching } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';

/**
 * CircleCI builds every pushed branch unless told otherwise, so a pull request's branch is built
 * too. A workflow counts when at least one of its jobs is not filtered to fixed branches or tags;
 * scheduled workflows and workflows guarded by `when`/`unless` (pipeline parameters) do not.
 */
export function circleciBranchBuilds(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, CIRCLECI)) {
    const document = repo.yaml(file.path)[0];
    const config = document?.value;
    if (!document || !isRecord(config) || config.version === undefined) continue;
    const hit = isRecord(config.workflows) ? firstBranchWorkflow(config.workflows) : isRecord(config.jobs) && isRecord(config.jobs.build) ? { name: 'build', line: lineOf(config.jobs, 'build') } : undefined;
    if (hit) evidence.push({ file: file.path, line: hit.line, detail: `CircleCI workflow "${hit.name}" builds every pushed branch, pull requests included` });
  }
  return evidence;
}

function firstBranchWorkflow(workflows: Record<string, unknown>): { name: string; line: number } | undefined {
  for (const [name, workflow] of Object.entries(workflows)) {
    if (!isRecord(workflow) || !Array.isArray(workflow.jobs)) continue;
    if (workflow.when !== undefined || workflow.unless !== undefined || Array.isArray(workflow.triggers)) continue;
    if (workflow.jobs.some((entry) => !branchRestricted(entry))) return { name, line: lineOf(workflows, name) };
  }
  return undefined;
}

/** A job entry whose filters keep it to named branches, or to tags only. */
function branchRestricted(entry: unknown): boolean {
  if (!isRecord(entry)) return false;
  const params = Object.values(entry)[0];
  const filters = isRecord(params) && isRecord(params.filters) ? params.filters : undefined;
  if (!filters) return false;
  const branches = isRecord(filters.branches) ? filters.branches : undefined;
  if (!branches) return false;
  const only = Array.isArray(branches.only) ? branches.only : branches.only === undefined ? [] : [branches.only];
  if (only.length > 0) return !only.some((b) => typeof b === 'string' && /^\/.*\/$/.test(b) && /\.\*|\.\+/.test(b) && !/^\/\^?(main|master|release|develop)/.test(b));
  const ignore = Array.isArray(branches.ignore) ? branches.ignore : [branches.ignore];
  return ignore.some((b) => b === '/.*/');
}
