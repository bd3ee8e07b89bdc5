/**
 * "Offered but off by default": a chart template guarded by `{{ if .Values.serviceMonitor.enabled }}`
 * whose chart's values leave that switch false renders nothing unless whoever installs the chart
 * turns it on. The chart offers the object to its users; it does not show that anyone runs it, so
 * the object is no evidence of use (docs/how-it-decides.md, "Offered but off by default").
 *
 * The guards are read, not rendered: the `if`, `with` and `range` actions open at the object's
 * line, with `.` followed through `with` and through `range … := dict "a" .Values.x …`. A guard
 * is off only when every values source the repository holds leaves it empty or false (the chart's
 * values*.yaml, except chart-testing's ci/ folder, the values a HelmRelease or an Argo CD
 * Application of this repository passes, and those of every other release it makes: helm_release,
 * helmfile, a `helm upgrade -f … --set …` in a script). Anything the reading cannot follow (`else`, `not`,
 * parentheses, functions) counts as on.
 */
import type { Repository } from '../../workspace/repository.js';
import { CHART_YAML, yamlFilesMatching } from '../files/paths.js';
import { memoKey } from '../../workspace/memo-key.js';
import { isRecord, type K8sObject } from './k8s-objects.js';
import { releaseValues } from './release-values.js';
import { chartRefs } from './charts.js';
import { commandsMatching } from '../ci/ci.js';
import { commandReleaseValues, type ValuesTree } from './chart-values.js';

const CHART_VALUES = memoKey<Map<string, unknown[]>>('chartDefaults:values');
const INSTALLED_VALUES = memoKey<ValuesTree[]>('chartDefaults:installedValues');

/** A template object that the chart's defaults leave out of every release. */
export function isOffByDefault(repo: Repository, object: K8sObject): boolean {
  return object.templated && isOffByDefaultAt(repo, object.file, object.line);
}

/**
 * A line of a chart template that the chart's defaults leave out (a probe block behind
 * `{{- if .Values.probes.enabled }}` with `probes.enabled: false`).
 */
export function isOffByDefaultAt(repo: Repository, file: string, line: number): boolean {
  const chart = chartOf(repo, file);
  if (chart === undefined || chart.values.length === 0) return false;
  const text = repo.text(file);
  if (text === undefined || !text.includes('{{')) return false;
  const sources = [...chart.values, ...releaseValues(repo).map((r) => r.values), ...installedValues(repo)];
  return guardsAt(text, line).some((guard) => guard.every((path) => sources.every((values) => isEmpty(lookup(values, path)))));
}

/**
 * The values every release of the repository passes (src/facts/k8s/chart-values.ts): a deploy
 * script's `helm upgrade --install … -f .buildkite/production-helm-values.yaml` turns on what the
 * chart's defaults leave off, even when the chart it names is a variable (`"${repo}/agent-stack-k8s"`).
 */
function installedValues(repo: Repository): ValuesTree[] {
  return repo.memo(INSTALLED_VALUES, () => {
    const out = chartRefs(repo).flatMap((ref) => ref.values ?? []);
    for (const command of commandsMatching(repo, /\bhelm\s+(upgrade|install)\b/)) {
      const words = command.text.slice(command.text.search(/\bhelm\s/)).split(/\s+/);
      // Read again for every command, a templated chart name included (a chart reference needs a name): a source twice changes nothing.
      out.push(...commandReleaseValues(repo, command.file, words.slice(2)));
    }
    return out;
  });
}

/** The chart folder a template belongs to (`<chart>/templates/…`), with its values files parsed. */
function chartOf(repo: Repository, file: string): { values: unknown[] } | undefined {
  const at = file.lastIndexOf('templates/');
  if (at < 0 || (at > 0 && file[at - 1] !== '/')) return undefined;
  const dir = file.slice(0, at);
  const byChart = repo.memo(CHART_VALUES, () => {
    const valuesFiles = new Map<string, string[]>();
    for (const candidate of repo.filesMatching(/(^|\/)values[^/]*\.ya?ml$/i)) {
      const dir = candidate.path.slice(0, candidate.path.lastIndexOf('/') + 1);
      valuesFiles.set(dir, [...(valuesFiles.get(dir) ?? []), candidate.path]);
    }
    const map = new Map<string, unknown[]>();
    for (const chart of yamlFilesMatching(repo, CHART_YAML)) {
      const chartDir = chart.path.replace(/(^|\/)Chart\.ya?ml$/, '$1');
      // Parsed once per scan (repo.yaml caches; the images fact reads values files too).
      map.set(chartDir, (valuesFiles.get(chartDir) ?? []).flatMap((path) => repo.yaml(path).map((document) => document.value ?? {})));
    }
    return map;
  });
  const values = byChart.get(dir);
  return values === undefined ? undefined : { values };
}

/** A value path under .Values ("serviceMonitor", "enabled"). */
type ValuePath = string[];
/**
 * One guard open at the object: the value paths it tests, on when any of them is set (`with $sm`
 * over a dict of two settings, `or a b`), off when every one is empty in every values source.
 */
type Guard = ValuePath[];

interface Frame {
  kind: 'if' | 'with' | 'range' | 'other';
  /** Candidates `.` refers to inside this frame; undefined when it cannot be followed. */
  dot?: ValuePath[] | 'root';
  /** Guards this frame adds (empty when it cannot be judged). */
  guards: Guard[];
}

const ACTION = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;

/** The guards of every `if`/`with`/`range` open at `line`, each as the value paths it needs. */
function guardsAt(text: string, line: number): Guard[] {
  const stack: Frame[] = [];
  const variables = new Map<string, ValuePath[]>();
  let currentLine = 1;
  let lastIndex = 0;
  for (const match of text.matchAll(ACTION)) {
    for (let i = lastIndex; i < match.index; i++) if (text.charCodeAt(i) === 10) currentLine++;
    lastIndex = match.index;
    if (currentLine > line) break;
    const body = match[1]!.trim();
    const dot = stack.length === 0 ? 'root' : stack[stack.length - 1]!.dot;
    if (body.startsWith('/*') || body === '') continue;
    if (/^end\b/.test(body)) {
      stack.pop();
      continue;
    }
    if (/^else\b/.test(body)) {
      // The other branch of a guard: nothing the reading can say about it.
      const top = stack[stack.length - 1];
      if (top) top.guards = [];
      continue;
    }
    const head = /^(if|with|range|define|block)\b\s*([\s\S]*)$/.exec(body);
    if (!head) continue;
    const [, keyword, rest] = head as unknown as [string, string, string];
    if (keyword === 'if') stack.push({ kind: 'if', dot, guards: condition(rest, dot, variables) });
    else if (keyword === 'with') {
      const paths = term(rest, dot, variables);
      stack.push({ kind: 'with', dot: paths, guards: paths ? [paths] : [] });
    } else if (keyword === 'range') stack.push({ kind: 'range', guards: rangeGuard(rest, dot, variables) });
    else stack.push({ kind: 'other', guards: [] });
  }
  return stack.flatMap((frame) => frame.guards);
}

/** `if` conditions: a value, or `and`/`or` of values. Anything else cannot be judged. */
function condition(expression: string, dot: Frame['dot'], variables: Map<string, ValuePath[]>): Guard[] {
  if (expression.includes('|')) return [];
  const words = operands(expression);
  if (words === undefined) return [];
  if (words.length === 1) {
    const paths = term(words[0]!, dot, variables);
    return paths ? [paths] : [];
  }
  const resolved = words.slice(1).map((w) => term(w, dot, variables));
  if (words[0] === 'and') {
    // Off when any one operand is off: each resolved operand is a guard of its own.
    return resolved.filter((paths): paths is ValuePath[] => paths !== undefined);
  }
  if (words[0] === 'or' && resolved.every((paths) => paths !== undefined)) {
    // Off only when every operand is off: one guard whose alternatives need all of them empty.
    return [resolved.flatMap((paths) => paths!)];
  }
  return [];
}

/**
 * The top-level words of an expression, a parenthesised one kept whole: `and (.Capabilities.APIVersions.Has
 * $v) .Values.metrics.enabled` is `and`, `(…)`, `.Values.metrics.enabled`. A parenthesised word
 * resolves to nothing, so it can never make a guard off. Undefined when parentheses do not balance.
 */
function operands(expression: string): string[] | undefined {
  const words: string[] = [];
  let depth = 0;
  let word = '';
  for (const char of expression) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (depth < 0) return undefined;
    if (depth === 0 && /\s/.test(char)) {
      if (word !== '') words.push(word);
      word = '';
    } else word += char;
  }
  if (depth !== 0) return undefined;
  if (word !== '') words.push(word);
  return words;
}

/** `range $k, $v := dict "a" .Values.x "b" .Values.y` binds $v; `range .Values.list` is off when empty. */
function rangeGuard(expression: string, dot: Frame['dot'], variables: Map<string, ValuePath[]>): Guard[] {
  const dict = /^(?:\$\w+\s*,\s*)?(\$\w+)\s*:=\s*dict\s+(.*)$/.exec(expression);
  if (dict) {
    const words = dict[2]!.split(/\s+/).filter((w) => w !== '');
    const paths: ValuePath[] = [];
    for (let i = 1; i < words.length; i += 2) {
      const resolved = term(words[i]!, dot, variables);
      if (!resolved) return [];
      paths.push(...resolved);
    }
    variables.set(dict[1]!, paths);
    return [];
  }
  if (/\s|:=/.test(expression)) return [];
  const paths = term(expression, dot, variables);
  return paths ? [paths] : [];
}

/** A value reference: `.Values.a.b`, `$.Values.a.b`, `.enabled` inside `with`, `$v.enabled`. */
function term(word: string, dot: Frame['dot'], variables: Map<string, ValuePath[]>): ValuePath[] | undefined {
  const root = /^\$?\.Values((?:\.\w+)*)$/.exec(word);
  if (root && (word.startsWith('$') || dot === 'root')) return [keys(root[1]!)];
  const variable = /^(\$\w+)((?:\.\w+)*)$/.exec(word);
  if (variable && variables.has(variable[1]!)) return variables.get(variable[1]!)!.map((path) => [...path, ...keys(variable[2]!)]);
  const relative = /^((?:\.\w+)+)$/.exec(word);
  if (relative && Array.isArray(dot)) return dot.map((path) => [...path, ...keys(relative[1]!)]);
  return undefined;
}

function keys(dotted: string): string[] {
  return dotted.split('.').filter((k) => k !== '');
}

function lookup(values: unknown, path: ValuePath): unknown {
  let node = values;
  for (const key of path) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Go templates' truth: false, 0, nil, "" and empty collections are false. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return false;
}
