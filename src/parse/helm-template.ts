/**
 * Go-template YAML (Helm chart templates, helmfile, some CI files) is not YAML until rendered, and
 * we cannot render it (no helm binary, no values resolution worth trusting). Instead we blank out
 * the template actions while keeping every line where it was, so the rest parses and line numbers
 * still point at the right place:
 *   - a line made only of actions (`{{- if … }}`, `{{- end }}`, `{{ include … | nindent 4 }}`) becomes empty;
 *   - an action inside a value (`image: "{{ .Values.image.repository }}:{{ .Chart.AppVersion }}"`)
 *     becomes the placeholder TEMPLATE_PLACEHOLDER, so detectors can tell "templated" from "literal".
 */
export const TEMPLATE_PLACEHOLDER = '__TPL__';

const ACTION = /\{\{[\s\S]*?\}\}/g;

export function hasTemplateActions(text: string): boolean {
  return text.includes('{{');
}

export function isTemplated(value: unknown): boolean {
  return typeof value === 'string' && value.includes(TEMPLATE_PLACEHOLDER);
}

export function blankTemplateActions(text: string): string {
  // Multi-line actions (comments, long pipelines) keep their newlines and lose their content.
  const singleLine = text.replace(ACTION, (action) =>
    action.includes('\n') ? '\n'.repeat(countNewlines(action)) + '{{}}' : action,
  );
  const lines = singleLine.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes('{{')) continue;
    const rest = line.replace(ACTION, '');
    if (rest.trim() === '' || rest.trim() === '-') {
      lines[i] = '';
      continue;
    }
    lines[i] = line.replace(ACTION, TEMPLATE_PLACEHOLDER).replace(/\{\{|\}\}/g, TEMPLATE_PLACEHOLDER);
  }
  return lines.join('\n');
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
