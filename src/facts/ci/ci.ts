import type { Repository } from '../../workspace/repository.js';
import { isScriptAt, scriptsCalled } from './script-calls.js';
import { lineOf } from '../../parse/yaml.js';
import { isRecord, objectsWhere } from '../k8s/k8s-objects.js';
import { fileLines } from '../files/text-lines.js';
import {
  ciPipelineFiles,
  JUSTFILE,
  MAKEFILE,
  SHELL_SCRIPT,
  TASKFILE,
  YAML_FILE,
  type CiSystem,
} from '../files/paths.js';
import { memoKey } from '../../workspace/memo-key.js';
import type { CiFacts, CiUse, Command, CommandOrigin } from './ci-types.js';
import { readMakefile } from './makefile.js';
import { readJenkinsfile } from './jenkinsfile.js';
import { programBuildSpecCommands } from './program-buildspecs.js';

const CI_FACTS = memoKey<CiFacts>('ciFacts');
const CI_COMMANDS = memoKey<Command[]>('ciCommands');

export type { CiFacts, CiUse, Command, CommandOrigin } from './ci-types.js';

/** Keys whose string (or list of strings) value is shell run by the CI system (`cmds`: a Taskfile task's commands). */
const COMMAND_KEYS = new Set(['run', 'script', 'scripts', 'before_script', 'after_script', 'bash', 'sh', 'pwsh', 'powershell', 'command', 'commands', 'cmd', 'cmds', 'inlineScript', 'install', 'before_install', 'deploy_script', 'entrypoint_script']);
/** Keys whose value names a reusable action, orb or task. */
const USE_KEYS = new Set(['uses', 'task', 'orb', 'template', 'component']);

/** A key naming a reusable step: `uses`, `task`, `orb`…, and a Bitbucket step's `pipe`; never in scripts. */
function isUseKey(key: string, origin: CommandOrigin): origin is CiSystem {
  if (key === 'pipe') return origin === 'bitbucket-pipelines';
  return USE_KEYS.has(key) && origin !== 'script' && origin !== 'makefile' && origin !== 'taskfile';
}

export function ciFacts(repo: Repository): CiFacts {
  return repo.memo(CI_FACTS, () => {
    const facts: CiFacts = { commands: [], uses: [], pipelines: [] };
    const pipelines = ciPipelineFiles(repo);
    for (const file of repo.files) {
      const system = pipelines.get(file.path);
      if (system === 'jenkins') {
        facts.pipelines.push({ file: file.path, origin: system, line: 1 });
        readJenkinsfile(repo, file.path, facts);
      } else if (system !== undefined && YAML_FILE.test(file.path)) {
        const documents = repo.yaml(file.path);
        if (documents.length === 0) continue;
        facts.pipelines.push({ file: file.path, origin: system, line: documents[0]!.line });
        for (const document of documents) readPipeline(repo, file.path, system, document.value, facts);
      } else if (COMPOSITE_ACTION.test(file.path)) {
        for (const document of repo.yaml(file.path)) readCompositeAction(repo, file.path, document.value, facts);
      } else if (SHELL_SCRIPT.test(file.path) || isBareShellScript(repo, file.path)) {
        readScript(repo, file.path, 'script', facts);
      } else if (MAKEFILE.test(file.path) || JUSTFILE.test(file.path)) {
        readMakefile(repo, file.path, facts);
      } else if (TASKFILE.test(file.path)) {
        for (const document of repo.yaml(file.path)) walk(repo, file.path, 'taskfile', document.value, undefined, facts, 0);
      }
    }
    readTekton(repo, facts);
    // Buildspecs written inline in CDK programs: CodeBuild runs their commands.
    facts.commands.push(...programBuildSpecCommands(repo));
    return facts;
  });
}

function readPipeline(repo: Repository, file: string, system: CiSystem, doc: unknown, facts: CiFacts): void {
  if (!isRecord(doc)) return;
  if (system === 'circleci' && isRecord(doc.orbs)) {
    for (const [alias, ref] of Object.entries(doc.orbs)) {
      if (typeof ref === 'string') facts.uses.push({ ref, file, line: lineOf(doc.orbs, alias), origin: system, job: alias });
    }
  }
  if (system === 'gitlab-ci' && doc.include !== undefined) readGitlabIncludes(file, doc.include, doc, facts);
  // Jobs are the top-level mappings (GitLab), or live under `jobs` (GitHub, CircleCI).
  const jobs = isRecord(doc.jobs) ? doc.jobs : doc;
  for (const [name, job] of Object.entries(jobs)) {
    // GitLab includes were read above; walking them as a job would record each one twice.
    if (system === 'gitlab-ci' && jobs === doc && name === 'include') continue;
    walk(repo, file, system, job, name, facts, 0, jobs, name);
  }
  if (jobs !== doc) {
    for (const [key, value] of Object.entries(doc)) if (key !== 'jobs') walk(repo, file, system, value, undefined, facts, 0, doc, key);
  }
}

/** A repository's own composite actions: workflows call them with `uses: ./.github/actions/<name>`. */
const COMPOSITE_ACTION = /^\.github\/actions\/[^/]+\/action\.ya?ml$/i;

/** The steps of a composite action run in the calling workflow's job: their commands and uses are GitHub Actions'. */
function readCompositeAction(repo: Repository, file: string, doc: unknown, facts: CiFacts): void {
  if (!isRecord(doc) || !isRecord(doc.runs) || doc.runs.using !== 'composite' || !Array.isArray(doc.runs.steps)) return;
  const name = file.split('/').at(-2);
  walk(repo, file, 'github-actions', doc.runs.steps, name, facts, 0, doc.runs, 'steps');
}

function readGitlabIncludes(file: string, include: unknown, doc: Record<string, unknown>, facts: CiFacts): void {
  const items = Array.isArray(include) ? include : [include];
  items.forEach((item, index) => {
    const line = Array.isArray(include) ? lineOf(include, index, lineOf(doc, 'include')) : lineOf(doc, 'include');
    if (typeof item === 'string') facts.uses.push({ ref: item, file, line, origin: 'gitlab-ci' });
    else if (isRecord(item)) {
      const ref = item.component ?? item.template ?? item.remote ?? item.project ?? item.local;
      if (typeof ref === 'string') facts.uses.push({ ref, file, line, origin: 'gitlab-ci' });
    }
  });
}

/**
 * Walks a pipeline's data and records every shell command and every reusable step it names.
 * Generic on purpose: GitHub `run`, GitLab `script`, CircleCI `run.command`, Azure `script`/`task`,
 * Bitbucket `script`, Cloud Build `args`, Drone `commands` all land here.
 */
function walk(
  repo: Repository,
  file: string,
  origin: CommandOrigin,
  value: unknown,
  job: string | undefined,
  facts: CiFacts,
  depth: number,
  parent?: Record<string, unknown> | unknown[],
  key?: string | number,
): void {
  if (depth > 40) return;
  if (typeof value === 'string') {
    if (parent && !Array.isArray(parent) && typeof key === 'string') {
      if (COMMAND_KEYS.has(key)) addCommandBlock(repo, file, origin, value, lineOf(parent, key), job, facts);
      else if (isUseKey(key, origin)) {
        // A Bitbucket pipe (`- pipe: atlassian/aws-eks-kubectl-run:2.6.0`) takes its inputs as `variables:`.
        const withValue = parent.with ?? parent.inputs ?? parent.parameters ?? (key === 'pipe' ? parent.variables : undefined);
        const env = parent.env;
        const use: CiUse = { ref: value, file, line: lineOf(parent, key), origin, ...(job ? { job } : {}) };
        if (isRecord(withValue)) use.with = withValue;
        facts.uses.push(isRecord(env) ? { ...use, env } : use);
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    const commandList = parent && !Array.isArray(parent) && typeof key === 'string' && COMMAND_KEYS.has(key);
    value.forEach((item, index) => {
      if (commandList && typeof item === 'string') addCommandBlock(repo, file, origin, item, lineOf(value, index), job, facts);
      else if (typeof item === 'string' && origin === 'circleci' && parent && !Array.isArray(parent) && key === 'steps') {
        // CircleCI steps may be bare orb commands: `- aws-ecr/build-and-push-image`.
        if (item.includes('/')) facts.uses.push({ ref: item, file, line: lineOf(value, index), origin, ...(job ? { job } : {}) });
      } else if (Array.isArray(item) && commandList) {
        // GitLab allows nested lists in script (from YAML anchors).
        walk(repo, file, origin, item, job, facts, depth + 1, parent, key);
      } else walk(repo, file, origin, item, job, facts, depth + 1, value, index);
    });
    if (key === 'args' && parent && !Array.isArray(parent) && value.every((v) => typeof v === 'string')) {
      // Cloud Build / Tekton style: the step's image runs with these args, through its entrypoint.
      const program = stepProgram(parent, origin);
      if (program) facts.commands.push({ text: `${program} ${value.join(' ')}`, file, line: lineOf(parent, 'args'), origin: origin as CommandOrigin, ...(job ? { job } : {}) });
    }
    return;
  }
  if (!isRecord(value)) return;
  if (origin === 'circleci' && parent && Array.isArray(parent) && key !== undefined) {
    // A CircleCI step `- orb/job: {…}` or `- run: …`: a key with a slash is an orb command.
    for (const stepName of Object.keys(value)) {
      if (stepName.includes('/')) {
        const params = value[stepName];
        facts.uses.push({ ref: stepName, file, line: lineOf(value, stepName), origin, ...(job ? { job } : {}), ...(isRecord(params) ? { with: params } : {}) });
      }
    }
  }
  if (origin === 'circleci' && key !== undefined && parent && !Array.isArray(parent) && key === 'workflows') {
    for (const workflow of Object.values(value)) {
      if (!isRecord(workflow) || !Array.isArray(workflow.jobs)) continue;
      workflow.jobs.forEach((entry, index) => {
        const name = typeof entry === 'string' ? entry : isRecord(entry) ? Object.keys(entry)[0] : undefined;
        if (name?.includes('/')) facts.uses.push({ ref: name, file, line: lineOf(workflow.jobs, index), origin: 'circleci', job: name });
      });
    }
  }
  for (const [childKey, child] of Object.entries(value)) {
    walk(repo, file, origin, child, job, facts, depth + 1, value, childKey);
  }
}

/** A line that only prints text (`echo "run kubectl apply"`): it names a tool, it does not run it. */
const ONLY_PRINTS = /^(echo|printf)\b[^;&|`$]*$/;

/** A `run: |` block is several commands; each keeps its own line. */
function addCommandBlock(repo: Repository, file: string, origin: CommandOrigin, text: string, keyLine: number, job: string | undefined, facts: CiFacts): void {
  const lines = text.split('\n');
  // For a block scalar the content starts on the line after the key.
  const source = fileLines(repo, file)?.[keyLine - 1] ?? '';
  const blockStart = lines.length > 1 && /[|>][+-]?\d*\s*(#.*)?$/.test(source) ? keyLine + 1 : keyLine;
  addCommandLines(file, origin, lines, blockStart, job, facts);
}

/** `cat <<EOF`, `kubectl apply -f - <<'YAML'`: the here-document's terminator word. Not `<<<` (a here-string). */
const HEREDOC = /(?<!<)<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/;
/** A here-document fed to a shell (`bash <<EOF`, `ssh host <<EOF`) holds commands; any other holds text or data. */
const HEREDOC_OF_COMMANDS = /(^|[\s;&|(])(bash|sh|zsh|ksh|ssh|sudo\s+(-\S+\s+)*(bash|sh))\b[^<]*(?<!<)<<-?/;

function addCommandLines(file: string, origin: CommandOrigin, lines: string[], blockStart: number, job: string | undefined, facts: CiFacts): void {
  let pending = '';
  let pendingLine = blockStart;
  // The terminator of a here-document being skipped: its body (a help text, a manifest) runs nothing.
  let heredocEnd: string | undefined;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (heredocEnd !== undefined) {
      if (line === heredocEnd) heredocEnd = undefined;
      return;
    }
    const heredoc = HEREDOC.exec(line);
    if (heredoc && !line.startsWith('#') && !HEREDOC_OF_COMMANDS.test(line)) heredocEnd = heredoc[2];
    if (pending === '') pendingLine = blockStart + index;
    if (line === '' || line.startsWith('#')) {
      if (pending !== '') flush();
      return;
    }
    if (line.endsWith('\\')) {
      // `--flag value \` joins with one space, not the space before the backslash plus ours.
      pending += line.slice(0, -1).trimEnd() + ' ';
      return;
    }
    pending += line;
    flush();
  });
  if (pending !== '') flush();

  function flush(): void {
    const text = pending.trim();
    if (!ONLY_PRINTS.test(text)) facts.commands.push({ text, file, line: pendingLine, origin, ...(job ? { job } : {}) });
    pending = '';
  }
}

/** A file without an extension in a scripts folder (`scripts/publish-chart`, `hack/release`), matching script-calls.ts. */
const SCRIPT_WITHOUT_EXTENSION = /(^|\/)(scripts?|bin|hack|ci|\.ci|build|tools|\.buildkite|\.github)\/([\w.-]+\/)*[\w-]+$/;

/** Such a file written for a shell (`#!/bin/bash`, `#!/usr/bin/env sh`): its lines are commands like a `.sh` file's. */
function isBareShellScript(repo: Repository, path: string): boolean {
  if (!SCRIPT_WITHOUT_EXTENSION.test(path)) return false;
  return /^#!\s*\S*\/(env\s+)?(ba|z|k|a|da)?sh\b/.test(repo.text(path)?.slice(0, 64) ?? '');
}

function readScript(repo: Repository, file: string, origin: CommandOrigin, facts: CiFacts): void {
  const text = repo.text(file);
  if (text === undefined) return;
  addCommandLines(file, origin, text.split('\n'), 1, undefined, facts);
}


/** Tekton Tasks and Pipelines are Kubernetes objects; their steps' scripts are CI commands. */
/**
 * The program a step with `args` runs: its `entrypoint` (Cloud Build) or `command` (Tekton) when it
 * names one, else its image's own entrypoint, named after the image (`aquasec/trivy:latest` runs
 * `trivy`). Cloud Build steps name their image in `name`, Tekton steps in `image` (`name` is the
 * step's label there). Tag and digest are dropped: `trivy:0.50.1 image …` would hide the command.
 */
function stepProgram(step: Record<string, unknown>, origin: string): string | undefined {
  if (typeof step.entrypoint === 'string' && step.entrypoint.trim() !== '') return step.entrypoint.trim();
  if (Array.isArray(step.command) && typeof step.command[0] === 'string' && step.command[0].trim() !== '') return step.command[0].trim();
  const image = origin === 'tekton' ? step.image : step.name;
  if (typeof image !== 'string' || image.trim() === '') return undefined;
  return (image.trim().split('/').pop() ?? '').replace(/@.*$/, '').replace(/:.*$/, '');
}

function readTekton(repo: Repository, facts: CiFacts): void {
  for (const object of objectsWhere(repo, (group) => group === 'tekton.dev')) {
    if (object.kind === 'Pipeline' || object.kind === 'Task' || object.kind === 'ClusterTask') {
      facts.pipelines.push({ file: object.file, origin: 'tekton', line: object.line });
    }
    walk(repo, object.file, 'tekton', object.doc.spec, object.name, facts, 0, object.doc, 'spec');
  }
}

/** Commands whose text matches, from pipelines and scripts. */
export function commandsMatching(repo: Repository, pattern: RegExp): Command[] {
  return ciFacts(repo).commands.filter((c) => pattern.test(c.text));
}

/** Commands that run in a CI pipeline, including scripts that a pipeline calls by path. */
export function ciCommands(repo: Repository): Command[] {
  return repo.memo(CI_COMMANDS, () => {
    const { commands } = ciFacts(repo);
    const inCi = commands.filter((c) => c.origin !== 'script' && c.origin !== 'makefile' && c.origin !== 'taskfile');
    const called = new Set<string>();
    const makeTargets = new Set<string>();
    for (const command of inCi) {
      for (const path of scriptsCalled(command.text)) called.add(path);
      for (const match of command.text.matchAll(/\bmake\s+(?:-\S+\s+)*([\w.-]+)/g)) makeTargets.add(match[1]!);
    }
    const viaScripts = commands.filter(
      (c) =>
        (c.origin === 'script' && [...called].some((path) => isScriptAt(c.file, path))) ||
        (c.origin === 'makefile' && c.job !== undefined && makeTargets.has(c.job)),
    );
    return [...inCi, ...viaScripts];
  });
}
