/**
 * Line-by-line reading for formats without a parser here (Bicep, Jinja, Go templates, INI
 * inventories): the provisioning detectors (ansible, kubespray, kubeadm, kops, rke, eks, aks,
 * gke, packer, pulumi, cloudformation) all match single distinctive lines.
 */
import { isProse } from './sample-paths.js';
import type { Repository } from '../../workspace/repository.js';
import { uniquePlaces } from './evidence.js';

/** A line of a code or configuration file that matched a pattern. */
export interface TextLine {
  file: string;
  line: number;
  text: string;
}

/**
 * The file's lines, split once per scan: pipelines, templates and chart files are read line by
 * line by several facts and detectors (evidence lines, block scalars, template clean-up).
 * Undefined when the file cannot be read.
 */
export function fileLines(repo: Repository, path: string): readonly string[] | undefined {
  return repo.memo(`lines:${path}`, () => repo.text(path)?.split('\n'));
}

/** Comment lines of the languages these files are written in (shell, HCL, YAML, TS, Bicep, INI). */
export function isCommentLine(line: string): boolean {
  return /^\s*(#|\/\/|\/\*|\*|<!--|;|--\s)/.test(line);
}

/**
 * Non-comment lines that match `pattern` in files whose path matches `files`, documentation
 * excluded. `prefilter` (a plain substring, or a pattern every matching file contains) keeps the
 * scan cheap on large trees: only files that pass it are read line by line. Used where a file
 * format has no parser here (Bicep, Jinja, Go templates) or the signal is one distinctive line.
 */
export function matchingLines(repo: Repository, files: RegExp, pattern: RegExp, prefilter?: string | RegExp): TextLine[] {
  const out: TextLine[] = [];
  for (const file of repo.filesMatching(files)) {
    if (isProse(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || (prefilter !== undefined && !contains(text, prefilter))) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!pattern.test(line) || isCommentLine(line)) continue;
      out.push({ file: file.path, line: i + 1, text: line.trim() });
    }
  }
  return out;
}

function contains(text: string, needle: string | RegExp): boolean {
  return typeof needle === 'string' ? text.includes(needle) : needle.test(text);
}

/**
 * The last step of every provisioning detector: drop places in documentation (shared facts such as
 * Terraform blocks and Kubernetes objects still read docs/ folders) and repeated places.
 */
export function ownPlaces<T extends { file: string; line: number }>(evidence: T[]): T[] {
  return uniquePlaces(evidence.filter((e) => !isProse(e.file)));
}
