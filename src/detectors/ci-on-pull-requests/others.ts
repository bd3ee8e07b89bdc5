import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsOfKind } from '../../facts/k8s/k8s-objects.js';
import { AZURE_PIPELINES, BITBUCKET_PIPELINES, DRONE, JENKINSFILE, WOODPECKER, yamlFilesMatching } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isSamplePath } from '../../facts/files/paths.js';

/** Pull-request builds in Jenkins pipelines, shared libraries and Job DSL / JCasC seed jobs. */
const JENKINS_PR = /\bchangeRequest(\s*\(|\s+\w+\s*:)|\benv\.CHANGE_ID\b|\$\{?CHANGE_ID\b|\bmultibranchPipelineJob\b|\bghprb\w*|\bgithubPullRequest\b|\bGhprbTrigger\b|\bpullRequest\.(comment|addLabel|review|createStatus)/;

export function jenkinsPullRequestBuilds(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  const candidates = [...repo.filesMatching(JENKINSFILE), ...repo.filesMatching(/\.(dsl|jobdsl)$|(^|\/)[^/]*(jenkins|casc|jobs?)[^/]*\.ya?ml$/i)];
  for (const file of candidates) {
    if (isSamplePath(file.path)) continue;
    const lines = repo.text(file.path)?.split('\n') ?? [];
    const index = lines.findIndex((line) => JENKINS_PR.test(line) && !/^\s*(\/\/|\*|#|\/\*)/.test(line));
    if (index >= 0) evidence.push({ file: file.path, line: index + 1, detail: 'Jenkins builds pull requests' });
  }
  return evidence;
}

/**
 * Azure Pipelines `pr:` triggers (anything but `pr: none`). A pipeline with no `pr:` key validates
 * pull requests by default when its repository is on GitHub or Bitbucket Cloud (Microsoft's
 * "PR triggers" documentation), so it counts too, said as such; templates other pipelines include
 * are not pipelines of their own.
 */
export function azurePullRequestTriggers(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  const files = yamlFilesMatching(repo, AZURE_PIPELINES);
  const included = azureTemplateNames(repo, files.map((file) => file.path));
  for (const file of files) {
    const document = repo.yaml(file.path)[0];
    const doc = document?.value;
    if (!document || !isRecord(doc) || doc.pr === 'none' || doc.pr === false) continue;
    if (doc.pr !== undefined && doc.pr !== null) {
      evidence.push({ file: file.path, line: lineOf(doc, 'pr', document.line), detail: 'Azure Pipelines pr trigger' });
    } else if (doc.pr === undefined && isAzurePipeline(doc) && !included.has(baseName(file.path))) {
      const line = doc.trigger !== undefined ? lineOf(doc, 'trigger', document.line) : document.line;
      const detail = 'Azure Pipelines validates pull requests by default (no pr: key; GitHub and Bitbucket Cloud repositories)';
      evidence.push({ file: file.path, line, detail });
    }
  }
  return evidence;
}

/** A pipeline's root: it runs something. A template's root has the same keys, hence azureTemplateNames. */
function isAzurePipeline(doc: Record<string, unknown>): boolean {
  return ['steps', 'jobs', 'stages', 'extends'].some((key) => doc[key] !== undefined);
}

/** File names other Azure Pipelines files include with `template:` (the include's last path segment). */
function azureTemplateNames(repo: Repository, paths: string[]): Set<string> {
  const names = new Set<string>();
  for (const path of paths) {
    for (const match of (repo.text(path) ?? '').matchAll(/^\s*(?:-\s*)?template:\s*['"]?([^'"\s#@]+)/gm)) names.add(baseName(match[1] ?? ''));
  }
  return names;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/**
 * Bitbucket `pipelines: pull-requests:` (or `default:`, run for every branch), Drone `trigger: event:
 * pull_request` (or no event filter) and Woodpecker `when: event: pull_request`.
 */
export function otherPullRequestPipelines(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, BITBUCKET_PIPELINES)) {
    const doc = repo.yaml(file.path)[0]?.value;
    const pipelines = isRecord(doc) ? doc.pipelines : undefined;
    if (isRecord(pipelines) && isRecord(pipelines['pull-requests'])) {
      evidence.push({ file: file.path, line: lineOf(pipelines, 'pull-requests'), detail: 'Bitbucket pull-requests pipeline' });
    } else if (isRecord(pipelines) && Array.isArray(pipelines.default) && pipelines.default.length > 0) {
      // The default pipeline runs for every pushed branch no other pipeline claims: a pull request's branch too.
      const detail = 'Bitbucket default pipeline builds every pushed branch, pull requests included';
      evidence.push({ file: file.path, line: lineOf(pipelines, 'default'), detail });
    }
  }
  for (const file of yamlFilesMatching(repo, DRONE)) {
    for (const document of repo.yaml(file.path)) {
      const trigger = isRecord(document.value) ? document.value.trigger : undefined;
      const event = isRecord(trigger) ? trigger.event : undefined;
      const events = Array.isArray(event) ? event : isRecord(event) && Array.isArray(event.include) ? event.include : [event];
      if (isRecord(trigger) && events.includes('pull_request')) {
        evidence.push({ file: file.path, line: lineOf(trigger, 'event'), detail: 'Drone pipeline on pull_request' });
        break;
      }
      // Drone runs a pipeline with no event filter for every event, pull requests included.
      const unfiltered = trigger === undefined || (isRecord(trigger) && event === undefined);
      if (isRecord(document.value) && document.value.kind === 'pipeline' && unfiltered) {
        const line = isRecord(trigger) ? lineOf(document.value, 'trigger', document.line) : document.line;
        evidence.push({ file: file.path, line, detail: 'Drone pipeline with no event filter runs for every event, pull requests included' });
        break;
      }
    }
  }
  for (const file of yamlFilesMatching(repo, WOODPECKER)) {
    const found = repo.yaml(file.path).map((document) => woodpeckerPullRequestWhen(document.value)).find((hit) => hit !== undefined);
    if (found) evidence.push({ file: file.path, line: lineOf(found.parent, found.key), detail: 'Woodpecker workflow on pull_request' });
  }
  return evidence;
}

/**
 * Woodpecker's `when:` (of the workflow, or of a step) as a mapping or a list of mappings whose
 * `event` is or includes `pull_request`. Only explicit filters count: what runs without one is a
 * server setting, not something the repository says.
 */
function woodpeckerPullRequestWhen(doc: unknown): { parent: Record<string, unknown>; key: string } | undefined {
  if (!isRecord(doc)) return undefined;
  const onPullRequest = (when: unknown): boolean =>
    (Array.isArray(when) ? when : [when]).some((item) => {
      const event = isRecord(item) ? item.event : undefined;
      return (Array.isArray(event) ? event : [event]).includes('pull_request');
    });
  if (onPullRequest(doc.when)) return { parent: doc, key: 'when' };
  const steps = Array.isArray(doc.steps) ? doc.steps : isRecord(doc.steps) ? Object.values(doc.steps) : [];
  const step = steps.find((s) => isRecord(s) && onPullRequest(s.when));
  return isRecord(step) ? { parent: step, key: 'when' } : undefined;
}

/** Tekton Pipelines-as-Code PipelineRuns annotated to run on pull requests. */
export function tektonPullRequestRuns(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const object of objectsOfKind(repo, 'tekton.dev', 'PipelineRun')) {
    if (isSamplePath(object.file)) continue;
    const metadata = isRecord(object.doc.metadata) ? object.doc.metadata : {};
    const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
    const key = ['pipelinesascode.tekton.dev/on-event', 'pipelinesascode.tekton.dev/on-cel-expression'].find((k) => typeof annotations[k] === 'string' && /pull_request/.test(annotations[k] as string));
    if (key) evidence.push({ file: object.file, line: lineOf(annotations, key, object.line), detail: `PipelineRun ${object.name} on pull_request` });
  }
  return evidence;
}
