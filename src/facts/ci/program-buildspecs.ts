/**
 * Build specifications written inline in an infrastructure program (or a Terraform/OpenTofu
 * `aws_codebuild_project`'s `buildspec` heredoc): an AWS CDK
 * `codebuild.BuildSpec.fromObject({ phases: { build: { commands: [...] } } })` (Python
 * `from_object`, Go `BuildSpec_FromObject`, Java `Map.of("commands", List.of(...))`) and CDK
 * Pipelines' `ShellStep`/`CodeBuildStep` `commands`/`installCommands`. CodeBuild runs these
 * commands as it runs a buildspec.yml's, so they are CodeBuild commands with their file and line:
 * a `docker push` there is an image pipeline, a `kubectl apply` a deployment from CI.
 *
 * Programs are read as text (no language is parsed): each string literal of a `commands` list is
 * one command; a command held in a variable is not seen.
 */
import type { Repository } from '../../workspace/repository.js';
import { lineAtOffset } from '../../workspace/repository.js';
import { infraProgramFiles } from '../iac/infra-programs.js';
import { PROGRAM_SOURCE } from '../iac/program-constructs.js';
import { TERRAFORM_FILE } from '../files/paths.js';

/** The program builds a CodeBuild buildspec or a CDK Pipelines step (case-insensitive: every language's spelling). */
/** A command CodeBuild runs (the shape of ci.ts's Command, which imports this file). */
interface BuildSpecCommand {
  text: string;
  file: string;
  line: number;
  origin: 'codebuild';
  job?: string;
}

const BUILDSPEC = /BuildSpec[._]?from_?object|ShellStep|CodeBuildStep/i;
/** A list of commands opening: `commands: [`, `commands=[`, `"commands": []string{`, `"commands", List.of(`, `Commands = new[] {`. */
const LIST_OPENERS = String.raw`&?\[\]\*?string\s*\{|jsii\.Strings\(|(?:List\.of|Arrays\.asList)\(|new\s*(?:string)?\s*\[\]\s*\{|new\s+List<string>\s*\{|\[`;
const COMMANDS_LIST = new RegExp(String.raw`["']?\b(?:install_?|build_?)?commands["']?\s*(?::|=|,)\s*(?:${LIST_OPENERS})`, 'gi');
/** A buildspec phase, the CodeBuild "job" its commands belong to. */
const PHASE = /["']?\b(install|pre_build|build|post_build)["']?\s*[:=,]\s*(?:\{|map|Map\.of|dict)?[^\n]*$/;
/** A list longer than this is not a buildspec's. */
const MAX_LIST = 20_000;

export function programBuildSpecCommands(repo: Repository): BuildSpecCommand[] {
  const out: BuildSpecCommand[] = [];
  // aws_codebuild_project's `buildspec = <<EOF` in Terraform/OpenTofu.
  for (const file of repo.filesMatching(TERRAFORM_FILE)) {
    const text = repo.text(file.path);
    if (text?.includes('phases:')) out.push(...yamlBuildSpecCommands(text, file.path));
  }
  for (const file of repo.filesMatching(infraProgramFiles(repo, PROGRAM_SOURCE))) {
    const text = repo.text(file.path);
    if (text === undefined) continue;
    if (text.includes('phases:')) out.push(...yamlBuildSpecCommands(text, file.path));
    if (!BUILDSPEC.test(text)) continue;
    for (const match of text.matchAll(COMMANDS_LIST)) {
      const before = text.slice(Math.max(0, match.index - 300), match.index);
      const phase = before.split('\n').reverse().map((line) => PHASE.exec(line)?.[1]).find((p) => p !== undefined);
      for (const literal of stringLiterals(text, match.index + match[0].length)) {
        const command = literal.value.trim();
        if (command === '') continue;
        out.push({ text: command, file: file.path, line: lineAtOffset(text, literal.offset), origin: 'codebuild', ...(phase ? { job: phase } : {}) });
      }
    }
  }
  return out;
}

/**
 * A buildspec written as YAML inside a string: a Pulumi `buildspec` template literal, a Python
 * triple-quoted string, a Go raw string, a Terraform `buildspec = <<EOF` heredoc. Each item of
 * a `commands:` list is one command.
 */
function yamlBuildSpecCommands(text: string, file: string): BuildSpecCommand[] {
  if (!/buildspec/i.test(text)) return [];
  const out: BuildSpecCommand[] = [];
  const lines = text.split('\n');
  let phase: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const phaseKey = /^\s*(install|pre_build|build|post_build)\s*:\s*$/.exec(lines[i]!);
    if (phaseKey) phase = phaseKey[1];
    const key = /^(\s*)commands\s*:\s*$/.exec(lines[i]!);
    if (!key) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const item = /^(\s*)-\s+(.+?)\s*$/.exec(lines[j]!);
      if (!item || item[1]!.length < key[1]!.length) break;
      const command = item[2]!.replace(/^(["'])(.*)\1$/, '$2');
      out.push({ text: command, file, line: j + 1, origin: 'codebuild', ...(phase ? { job: phase } : {}) });
      i = j;
    }
  }
  return out;
}

/** The string literals of a list from `start` (just inside its opening bracket) to its closing one. */
function stringLiterals(text: string, start: number): { value: string; offset: number }[] {
  const out: { value: string; offset: number }[] = [];
  let depth = 0;
  const end = Math.min(text.length, start + MAX_LIST);
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth-- === 0) break;
    } else if (c === '"' || c === "'" || c === '`') {
      let value = '';
      let j = i + 1;
      for (; j < end && text[j] !== c; j++) {
        // An escaped character is kept as written, bar the backslash before a quote.
        if (text[j] === '\\' && j + 1 < end) value += text[j + 1] === c ? text[++j] : text[j]! + text[++j];
        else if (text[j] === '\n' && c !== '`') break;
        else value += text[j];
      }
      // Only the list's own elements: a literal nested deeper is an argument of something else.
      if (depth === 0) out.push({ value, offset: i });
      i = j;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      // A comment runs to the end of its line.
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? end : eol;
    }
  }
  return out;
}
