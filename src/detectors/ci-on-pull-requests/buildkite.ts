import type { FileEvidence } from '../../core/types.js';
import { BUILDKITE, isSamplePath, yamlFilesMatching } from '../../facts/files/paths.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';

/**
 * Buildkite builds pull requests and branches by its pipeline settings, kept in Buildkite, not in
 * the repository: a pipeline without filters says nothing either way (set C labels elastic-ci-stack-for-aws
 * so). A pipeline counts when a step says it runs for proposed changes: conditioned on a branch other
 * than the default one (`if: build.branch != pipeline.default_branch`, `branches: "!main"`,
 * `branches: "feature/*"`) or on a pull request (`if: build.pull_request.id != null`).
 */
export function buildkiteBranchBuilds(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, BUILDKITE)) {
    if (isSamplePath(file.path)) continue;
    for (const document of repo.yaml(file.path)) {
      const doc = document.value;
      const step = isRecord(doc) && Array.isArray(doc.steps) ? proposedChangeStep(doc.steps, 0) : undefined;
      if (step) {
        evidence.push({ file: file.path, line: step.line, detail: `Buildkite step ${step.label} runs for ${step.forWhat}` });
        break;
      }
    }
  }
  return evidence;
}

/** The first step (inside groups too) held to pull requests or to branches other than the default one. */
function proposedChangeStep(steps: unknown[], depth: number): { line: number; label: string; forWhat: string } | undefined {
  if (depth > 4) return undefined;
  for (const [index, step] of steps.entries()) {
    if (!isRecord(step)) continue;
    const forWhat = runsFor(step);
    if (forWhat !== undefined) {
      const label = [step.label, step.key, step.name, step.group].find((v): v is string => typeof v === 'string') ?? `#${index + 1}`;
      return { line: lineOf(steps, index), label: JSON.stringify(label), forWhat };
    }
    if (Array.isArray(step.steps)) {
      const inner = proposedChangeStep(step.steps, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The proposed changes a step's filter selects, if any. */
function runsFor(step: Record<string, unknown>): string | undefined {
  const condition = typeof step.if === 'string' ? step.if : '';
  if (/build\.pull_request\.\w+\s*!=\s*null|build\.pull_request\.(draft|base_branch|labels)\b/.test(condition)) return 'pull requests';
  if (/build\.branch\s*(!=|!~)/.test(condition)) return 'branches other than the default one';
  const branches = typeof step.branches === 'string' ? step.branches.split(/\s+/) : Array.isArray(step.branches) ? step.branches : [];
  // `!main` (every branch but main) or a wildcard (`feature/*`): branches under review.
  if (branches.some((p) => typeof p === 'string' && (p.startsWith('!') || (p.includes('*') && p !== '*')))) return 'branches other than the default one';
  return undefined;
}
