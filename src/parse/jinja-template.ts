/**
 * Jinja-templated YAML (Ansible role templates `*.yaml.j2`, Kubespray, Talos configs rendered by
 * talhelper or minijinja) is read the way chart templates are: we cannot render it, so statements
 * (`{% if … %}`, `{% for … %}`, `{% endif %}`) and comments (`{# … #}`) are blanked while every line
 * stays where it was, and `{{ expressions }}` go through the same blanking as Go templates (a line of
 * only an expression becomes empty; an expression inside a value becomes TEMPLATE_PLACEHOLDER).
 *
 * Both branches of an `{% if %}` are kept, which is what a reader of the file sees; a loop body is
 * read once. When that leaves the YAML invalid (a key repeated in both branches), the document is
 * skipped by the YAML parser with a warning, never guessed.
 */
import { blankTemplateActions } from './helm-template.js';

/** `*.yaml.j2`, `*.yml.j2`, `*.yaml.jinja`, `*.yaml.jinja2`. */
export const JINJA_YAML_FILE = /\.ya?ml\.(j2|jinja2?)$/i;

const STATEMENT = /\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;

export function blankJinja(text: string): string {
  if (!text.includes('{%') && !text.includes('{#') && !text.includes('{{')) return text;
  // Statements and comments may span lines: keep their newlines, drop their content.
  const blanked = text.replace(STATEMENT, (statement) => '\n'.repeat(countNewlines(statement)));
  return blankTemplateActions(blanked);
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
