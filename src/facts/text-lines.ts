/**
 * Line-by-line reading for formats without a parser here (Bicep, Jinja, Go templates, INI
 * inventories): the provisioning detectors (ansible, kubespray, kubeadm, kops, rke, eks, aks,
 * gke, packer, pulumi, cloudformation) all match single distinctive lines.
 */
import { isProse } from './sample-paths.js';
import type { Repository } from '../scan/repository.js';
import { uniquePlaces } from './evidence.js';

/** A line of a code or configuration file that matched a pattern. */
export interface TextLine {
  file: string;
  line: number;
  text: string;
}

/** Comment lines of the languages these files are written in (shell, HCL, YAML, TS, Bicep, INI). */
export function isCommentLine(line: string): boolean {
  return /^\s*(#|\/\/|\/\*|\*|<!--|;|--\s)/.test(line);
}

/**
 * Non-comment lines that match `pattern` in files whose path matches `files`, documentation
 * excluded. `prefilter` (a plain substring) keeps the scan cheap on large trees. Used where a file
 * format has no parser here (Bicep, Jinja, Go templates) or the signal is one distinctive line.
 */
export function matchingLines(repo: Repository, files: RegExp, pattern: RegExp, prefilter?: string): TextLine[] {
  const out: TextLine[] = [];
  for (const file of repo.filesMatching(files)) {
    if (isProse(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || (prefilter !== undefined && !text.includes(prefilter))) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (isCommentLine(line) || !pattern.test(line)) continue;
      out.push({ file: file.path, line: i + 1, text: line.trim() });
    }
  }
  return out;
}

/**
 * The last step of every provisioning detector: drop places in documentation (shared facts such as
 * Terraform blocks and Kubernetes objects still read docs/ folders) and repeated places.
 */
export function ownPlaces<T extends { file: string; line: number }>(evidence: T[]): T[] {
  return uniquePlaces(evidence.filter((e) => !isProse(e.file)));
}
