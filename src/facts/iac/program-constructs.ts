/**
 * Where an infrastructure program (an AWS CDK app or a Pulumi project, in any of their languages)
 * declares a construct or resource, by the names a signal file gives: `ArgoCDAddOn`,
 * `codebuild.Project`, `helm.v3.Chart`. One qualified name covers how each language writes it:
 *
 * - TypeScript/JavaScript/Python/C#/Java, qualified: `new codebuild.Project(`,
 *   `aws.codebuild.Project("build", …)`, `aws_codebuild.Project(self, …)`, `new Aws.CodeBuild.Project(`
 *   (module words compared without case, an `aws`/`aws_` prefix allowed);
 * - Go: `awscodebuild.NewProject(stack, …)`, `codebuild.NewProject(ctx, …)`, `helmv3.NewRelease(`;
 * - the bare class, or one under any alias, in a file that imports the module:
 *   `from aws_cdk.aws_codebuild import Project` then `Project(self, …)`, Java
 *   `Project.Builder.create(this, …)`, `using Pulumi.Kubernetes.Helm.V3;` then `new Chart(`;
 * - Pulumi YAML: `type: aws:codebuild:Project`, `type: kubernetes:helm.sh/v3:Chart`.
 *
 * A name without a module (`ArgoCDAddOn`) matches `new`, `extends` or a call anywhere. An import
 * or a type annotation names a class without using it, and never counts.
 */
import type { Repository } from '../../workspace/repository.js';
import { matchingLines } from '../files/text-lines.js';
import { infraProgramFiles } from './infra-programs.js';

export interface ConstructMatcher {
  /** Every line that may be a use (the cheap pass over each program's lines). */
  line: RegExp;
  /** A use whatever the file imports. */
  qualified: RegExp;
  /** A use only in a file that imports the module (`module`, tested on the file's text). */
  imported: { use: RegExp; module: RegExp }[];
}

/** The source files of infrastructure programs: code beside cdk.json or Pulumi.yaml, and Pulumi YAML programs. */
export const PROGRAM_SOURCE = /(\.(ts|js|mjs|py|go|cs|java)|(?<![^/])(Pulumi|Main)\.ya?ml)$/;

export interface ConstructUse {
  file: string;
  line: number;
  /** The line as written (never shown whole: its arguments may hold a password). */
  text: string;
  /** The construct as written on the line, for the evidence's detail. */
  seen: string;
}

/** Uses of the constructs `matcher` names in the repository's infrastructure programs. */
export function constructUses(repo: Repository, matcher: ConstructMatcher): ConstructUse[] {
  const out: ConstructUse[] = [];
  for (const hit of matchingLines(repo, infraProgramFiles(repo, PROGRAM_SOURCE), matcher.line)) {
    let seen = matcher.qualified.exec(hit.text)?.[0];
    if (seen === undefined) {
      const text = repo.text(hit.file) ?? '';
      const imported = matcher.imported.find((entry) => entry.module.test(text) && entry.use.test(hit.text));
      seen = imported?.use.exec(hit.text)?.[0];
    }
    if (seen !== undefined) out.push({ ...hit, seen: seen.replace(/^type:\s*["']?/, '').replace(/\s*\($/, '').trim().slice(0, 80) });
  }
  return out;
}

/** Compiles construct names (or regular expressions "/…/") into one matcher; undefined for none. */
export function compileConstructs(names: readonly string[] | undefined, isRegexForm: (name: string) => boolean): ConstructMatcher | undefined {
  if (!names?.length) return undefined;
  const qualified: string[] = names.filter(isRegexForm).map((p) => `(?:${p.slice(1, p.lastIndexOf('/'))})`);
  const imported: ConstructMatcher['imported'] = [];
  const loose: string[] = [];
  for (const name of names.filter((n) => !isRegexForm(n))) {
    const words = name.split('.');
    const cls = escape(words.pop()!);
    const modules = words;
    if (modules.length === 0) {
      loose.push(cls);
      continue;
    }
    qualified.push(...qualifiedForms(modules, cls));
    // The bare class, or under an alias of one word (`cb.Project`), where the module is imported.
    const use = `(?:\\b(?:new|extends)\\s+(?:[\\w$]+\\.)?${cls}(?![\\w$])|(?<![\\w$.])(?:[\\w$]+\\.)?${cls}(?:\\.Builder\\.create)?\\s*\\()`;
    const module = `^[ \\t]*(?:import|from|using|open)\\b[^\\n]*${modules.map(caseless).join('[./_-]?')}`;
    imported.push({ use: new RegExp(use), module: new RegExp(module, 'm') });
  }
  if (loose.length > 0) {
    const any = `(?:${loose.join('|')})`;
    qualified.push(`\\b(?:new|extends)\\s+(?:[\\w$]+\\.)*${any}(?![\\w$])`, `(?<![\\w$])${any}\\s*\\(`);
  }
  const qualifiedRe = new RegExp(qualified.join('|') || '(?!)');
  const line = new RegExp([qualifiedRe.source, ...imported.map((entry) => entry.use.source)].join('|'));
  return { line, qualified: qualifiedRe, imported };
}

/** `codebuild.Project` as TS/Python/C#/Java, Go and Pulumi YAML write it. */
function qualifiedForms(modules: string[], cls: string): string[] {
  const chain = modules.map((word) => `(?:[aA][wW][sS]_?)?${caseless(word)}`).join('\\.');
  // Go's package is the last module word that is not a version (`helm/v3` → `helm`, `helmv3`).
  const goPackage = [...modules].reverse().find((word) => !/^v\d+$/i.test(word))!.toLowerCase();
  return [
    `\\b(?:new|extends)\\s+(?:[\\w$]+\\.)*${chain}\\.${cls}(?![\\w$])`,
    `(?<![\\w$])(?:[\\w$]+\\.)*${chain}\\.${cls}(?:\\.Builder\\.create)?\\s*\\(`,
    `(?<![\\w$])\\w*${escape(goPackage)}(?:v\\d+)?\\.New${cls}\\s*\\(`,
    `\\btype:\\s*["']?[\\w-]+:(?:[\\w./-]*[./])?${caseless(goPackage)}(?:[./][\\w./-]*)?:${cls}\\b`,
  ];
}

function caseless(word: string): string {
  return [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escape(c))).join('');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
