import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { fileLines } from '../../facts/files/text-lines.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';

export type ProbeKey = 'livenessProbe' | 'readinessProbe';

/**
 * The probe a chart template leaves to its values: `livenessProbe:` followed by
 * `{{- toYaml .Values.api.livenessProbe | nindent 12 }}` (or wrapped in `{{- with … }}`) blanks to
 * null when parsed. The `.Values` path written next to the key is resolved in the chart's
 * values.yaml; without one, a probe of that name anywhere in values counts. An empty or disabled
 * value (`livenessProbe: {}`, `enabled: false`) is not a probe.
 */
export function probeFromValues(repo: Repository, templateFile: string, keyLine: number, key: ProbeKey): FileEvidence | undefined {
  const at = templateFile.lastIndexOf('/templates/');
  if (at < 0 && !templateFile.startsWith('templates/')) return undefined;
  const chartDir = at < 0 ? '' : templateFile.slice(0, at);
  const values = ['values.yaml', 'values.yml'].map((n) => (chartDir === '' ? n : `${chartDir}/${n}`)).find((p) => repo.has(p));
  if (!values) return undefined;
  const root = repo.yaml(values)[0]?.value;
  if (!isRecord(root)) return undefined;
  const path = valuesPathNear(fileLines(repo, templateFile) ?? [], keyLine, key);
  if (path) {
    const segments = path.split('.');
    let parent: unknown = root;
    for (const segment of segments.slice(0, -1)) parent = isRecord(parent) ? parent[segment] : undefined;
    const last = segments.at(-1)!;
    return isRecord(parent) && isProbe(parent[last]) ? { file: values, line: lineOf(parent, last) } : undefined;
  }
  return findAnywhere(root, values, key, 0);
}

/** `.Values.a.b.livenessProbe` on the key's line, the line before (`{{- with }}`) or the two after. */
function valuesPathNear(templateLines: readonly string[], keyLine: number, key: ProbeKey): string | undefined {
  for (const line of templateLines.slice(Math.max(0, keyLine - 2), keyLine + 2)) {
    for (const match of line.matchAll(/\.Values\.([\w.]+)/g)) {
      if (match[1]!.split('.').at(-1) === key) return match[1]!;
    }
  }
  return undefined;
}

function isProbe(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length > 0 && value.enabled !== false;
}

function findAnywhere(node: unknown, file: string, key: ProbeKey, depth: number): FileEvidence | undefined {
  if (depth > 12 || !isRecord(node)) return undefined;
  if (isProbe(node[key])) return { file, line: lineOf(node, key) };
  for (const value of Object.values(node)) {
    const found = findAnywhere(value, file, key, depth + 1);
    if (found) return found;
  }
  return undefined;
}
