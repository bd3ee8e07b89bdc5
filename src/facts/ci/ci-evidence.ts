/**
 * Evidence that CI or a developer runs a tool: CI commands (through the scripts and make targets CI
 * calls), actions, orbs, CI job images and Tekton tasks, and the tool's own YAML config. The
 * container, dev-loop, scanning and chart-publishing detectors are each a few lines on top of these.
 */
import type { FileEvidence } from '../../core/types.js';
import { ciFacts } from './ci.js';
import { ciReachableCommands } from './ci-reach.js';
import { uniquePlaces } from '../files/evidence.js';
import type { Repository } from '../../workspace/repository.js';
import { isRecord } from '../k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import { ciImages, orbSteps, tektonTaskRefs } from './ci-images.js';
import { shorten } from '../tools/component.js';
import { isSampleOrDocPath, isTestDataPath } from '../files/sample-paths.js';

/** How a tool shows that CI itself runs it. Scripts and make targets count only when CI calls them. */
export interface CiToolSpec {
  /** A CI command line that runs the tool. */
  command?: (text: string) => boolean;
  /** Actions, Azure tasks, GitLab includes that run it. */
  uses?: RegExp;
  /** CircleCI orbs (as declared, "snyk/snyk@2.1") whose steps run it; install/setup steps do not count. */
  orbs?: RegExp;
  /** Images a CI job runs in or beside (GitLab `image`/`services`, Tekton steps, Jenkins pod templates). */
  images?: RegExp;
  /** Tekton catalog tasks by name. */
  tektonTasks?: RegExp;
  /**
   * The tool's policy file (`.snyk`: ignores with reasons and expiry dates). Teams keep one only
   * when the tool gates their changes, often through the vendor's own integration rather than a CI
   * step, so it counts; it must hold the policy's `version:` key, not just exist.
   */
  policyFiles?: RegExp;
}

export function ciToolEvidence(repo: Repository, spec: CiToolSpec): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  const add = (file: string, line: number, detail: string): void => {
    evidence.push({ file, line, detail });
  };
  if (spec.command) {
    for (const command of ciReachableCommands(repo)) if (spec.command(command.text)) add(command.file, command.line, `runs \`${shorten(command.text)}\``);
  }
  if (spec.uses) {
    for (const use of ciFacts(repo).uses) if (spec.uses.test(use.ref)) add(use.file, use.line, `uses ${use.ref}`);
  }
  if (spec.orbs) {
    for (const step of orbSteps(repo)) {
      if (spec.orbs.test(step.orb) && !/^(install|setup)([-_/]|$)/.test(step.command)) add(step.use.file, step.use.line, `runs ${step.use.ref} (orb ${step.orb})`);
    }
  }
  if (spec.images) {
    for (const image of ciImages(repo)) if (spec.images.test(image.image)) add(image.file, image.line, `CI job image ${image.image}`);
  }
  if (spec.tektonTasks) {
    for (const ref of tektonTaskRefs(repo)) if (spec.tektonTasks.test(ref.name)) add(ref.file, ref.line, `Tekton task ${ref.name}`);
  }
  if (spec.policyFiles) {
    for (const file of repo.filesMatching(spec.policyFiles)) {
      if (isSampleOrDocPath(file.path) || isTestDataPath(file.path)) continue;
      const index = (repo.text(file.path) ?? '').split('\n').findIndex((line) => /^version:\s*v?\d/.test(line));
      if (index >= 0) add(file.path, index + 1, 'policy file');
    }
  }
  return uniquePlaces(evidence);
}

/** GitLab's Container-Scanning template or component: Trivy by default, Grype when CS_ANALYZER_IMAGE says so. */
export function gitlabContainerScanning(repo: Repository): { file: string; line: number; ref: string; analyzer: 'trivy' | 'grype' }[] {
  const found: { file: string; line: number; ref: string; analyzer: 'trivy' | 'grype' }[] = [];
  for (const use of ciFacts(repo).uses) {
    if (use.origin !== 'gitlab-ci' || !/(^|\/)(Security|Jobs)\/Container-Scanning(\.latest)?\.gitlab-ci\.yml$|\/components\/container-scanning\/container-scanning@/i.test(use.ref)) continue;
    const text = repo.text(use.file) ?? '';
    const analyzer = /^\s*CS_ANALYZER_IMAGE\s*:.*grype/im.test(text) ? 'grype' : 'trivy';
    found.push({ file: use.file, line: use.line, ref: use.ref, analyzer });
  }
  return found;
}

/**
 * Commands anywhere people or pipelines run them (CI, scripts, Makefiles, Taskfiles): right for
 * tools used by developers (kind, podman, skaffold), not for scanning, which must run in CI.
 * Scripts in test data or docs folders describe someone else's setup and are skipped.
 */
export function commandEvidence(repo: Repository, runs: (text: string) => boolean): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const command of ciFacts(repo).commands) {
    if (isSampleOrDocPath(command.file) || !runs(command.text)) continue;
    evidence.push({ file: command.file, line: command.line, detail: `runs \`${shorten(command.text)}\`` });
  }
  return uniquePlaces(evidence);
}

/** Uses (actions, orbs, tasks) whose reference matches. */
export function useEvidence(repo: Repository, ref: RegExp): FileEvidence[] {
  return ciFacts(repo)
    .uses.filter((use) => ref.test(use.ref))
    .map((use) => ({ file: use.file, line: use.line, detail: `uses ${use.ref}` }));
}

/** A tool's YAML configuration file, recognised by a top-level key's value (and optionally more of the document). */
export interface ConfigSpec {
  path: RegExp;
  /** Cheap text filter before parsing. */
  contains?: string;
  key: string;
  value: RegExp;
  also?: (doc: Record<string, unknown>) => boolean;
  detail: string;
}

/** Evidence at the recognising key of each matching document; docs and test data are skipped. */
export function configEvidence(repo: Repository, spec: ConfigSpec): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(spec.path)) {
    if (isTestDataPath(file.path)) continue;
    if (spec.contains !== undefined && !(repo.text(file.path) ?? '').includes(spec.contains)) continue;
    for (const document of repo.yaml(file.path)) {
      const doc = document.value;
      if (!isRecord(doc)) continue;
      const found = doc[spec.key];
      if ((typeof found === 'string' || typeof found === 'number') && spec.value.test(String(found)) && (!spec.also || spec.also(doc))) {
        evidence.push({ file: file.path, line: lineOf(doc, spec.key, document.line), detail: `${spec.detail} (${spec.key}: ${String(found)})` });
      }
    }
  }
  return evidence;
}
