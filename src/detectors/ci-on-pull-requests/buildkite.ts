import type { FileEvidence } from '../../core/types.js';
import { BUILDKITE, isSamplePath, yamlFilesMatching } from '../../facts/files/paths.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';

/**
 * Buildkite, like CircleCI, builds every pushed branch unless the pipeline's settings filter them,
 * and builds GitHub pull requests by default: those settings live in Buildkite, not in the
 * repository. So a pipeline in `.buildkite/` counts when one of its build steps is not held to fixed
 * branches or tags (no `branches:` filter, `branches: "!main"`, `if: build.branch !=
 * pipeline.default_branch`, `if: build.pull_request.id != null`). A pipeline whose every step runs
 * only on `main`, on tags or on a schedule does not.
 */
export function buildkiteBranchBuilds(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, BUILDKITE)) {
    if (isSamplePath(file.path)) continue;
    for (const document of repo.yaml(file.path)) {
      const doc = document.value;
      if (!isRecord(doc) || !Array.isArray(doc.steps)) continue;
      const step = unfilteredStep(doc.steps, 0);
      if (step) {
        evidence.push({ file: file.path, line: step.line, detail: `Buildkite step ${step.label} builds every branch (pull-request branches included)` });
        break;
      }
    }
  }
  return evidence;
}

/** The first command step not held to fixed branches or tags, in order, inside groups too. */
function unfilteredStep(steps: unknown[], depth: number): { line: number; label: string } | undefined {
  if (depth > 4) return undefined;
  for (const [index, step] of steps.entries()) {
    // `- wait`, `- block: …`, `- input: …`: no build.
    if (!isRecord(step) || 'wait' in step || 'block' in step || 'input' in step) continue;
    if (heldToFixedRefs(step)) continue;
    if (Array.isArray(step.steps)) {
      const inner = unfilteredStep(step.steps, depth + 1);
      if (inner) return inner;
      continue;
    }
    if (step.command === undefined && step.commands === undefined && step.plugins === undefined && step.trigger === undefined) continue;
    const label = [step.label, step.key, step.name].find((v): v is string => typeof v === 'string') ?? `#${index + 1}`;
    return { line: lineOf(steps, index), label: JSON.stringify(label) };
  }
  return undefined;
}

/**
 * `branches: "main release/*"` without a negation, or `if:` comparing the branch for equality or
 * matching a tag, with no inequality on the branch (`build.branch != pipeline.default_branch`
 * builds the feature branches).
 */
function heldToFixedRefs(step: Record<string, unknown>): boolean {
  if (typeof step.branches === 'string' || Array.isArray(step.branches)) {
    const patterns = (Array.isArray(step.branches) ? step.branches : step.branches.split(/\s+/)).filter((p): p is string => typeof p === 'string' && p !== '');
    if (patterns.length > 0 && patterns.every((p) => !p.startsWith('!') && p !== '*')) return true;
  }
  if (typeof step.if !== 'string') return false;
  const condition = step.if;
  if (/build\.branch\s*(!=|!~)|build\.pull_request/.test(condition)) return false;
  return /build\.branch\s*(==|=~)|build\.tag\b|build\.source\s*==\s*["']schedule/.test(condition);
}
