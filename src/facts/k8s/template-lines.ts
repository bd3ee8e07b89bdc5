/**
 * Evidence in chart templates, made readable: the shared YAML reader starts an object at its first
 * line even when that line is only `{{- if … }}`, and shows template values as a placeholder.
 */
import type { FileEvidence } from '../../core/types.js';
import type { Repository } from '../../workspace/repository.js';
import { fileLines } from '../files/text-lines.js';

const YAML = /\.ya?ml$/i;
const TEMPLATE_ONLY_LINE = /^\s*(\{\{[^}]*\}\}\s*)+$/;

/**
 * A chart template's object starts at its first line even when that line is only `{{- if … }}`
 * (the shared YAML reader skips blanks and comments, not template actions): point at the first
 * real line instead, and show blanked template values as `{{…}}` rather than the placeholder.
 */
export function pastTemplateLines(repo: Repository, item: FileEvidence): FileEvidence {
  const detail = item.detail?.replaceAll('__TPL__', '{{…}}');
  let line = item.line;
  const lines = fileLines(repo, item.file);
  if (lines && YAML.test(item.file)) {
    while (line <= lines.length && TEMPLATE_ONLY_LINE.test(lines[line - 1]!) && line < item.line + 20) line++;
    if (line > lines.length) line = item.line;
  }
  return { ...item, line, ...(detail === undefined ? {} : { detail }) };
}
