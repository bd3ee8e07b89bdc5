import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { CONFIG_FILE_NAME, ConfigError } from './errors.js';
import { closest, configSchema, type OrgConfig } from './schema.js';

/*
 * Checking `.k8s-maturity.yaml`: YAML with positions (the \`yaml\` package) and the schema (zod).
 * Kept apart from load.ts so that a scan without a configuration file loads neither.
 */

/** Parses and validates configuration text; `name` is used in messages. Throws ConfigError. */
export function parseConfig(text: string, name: string = CONFIG_FILE_NAME): OrgConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      'CONFIG_SYNTAX',
      doc.errors.map((error) => {
        const where = error.linePos?.[0];
        const firstLine = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return `${name}${where ? `:${where.line}:${where.col}` : ''}: YAML syntax error: ${firstLine}`;
      }),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError('CONFIG_INVALID', [`${name}: expected a mapping of keys (organization, teams, …) at the top; got ${describe(typeName(data))}`]);
  }
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;
  const issues: string[] = [];
  for (const issue of result.error.issues) {
    for (const { path, message } of explain(issue, data)) {
      const line = lineOf(doc, lineCounter, path, issue);
      issues.push(`${name}: ${formatPath(path)}: ${message}${line ? ` (line ${line})` : ''}`);
    }
  }
  throw new ConfigError('CONFIG_INVALID', issues);
}

/** `teams[1].repositories[0]`; the top level is shown as `(top level)`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : /^[A-Za-z_][\w-]*$/.test(segment) ? `.${segment}` : `["${segment}"]`;
  }
  return out === '' ? '(top level)' : out;
}

function explain(issue: z.ZodIssue, data: unknown): { path: (string | number)[]; message: string }[] {
  const path = issue.path;
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const known = keysAt(path);
    // Suggest among the keys not already written ("team" is not a hint when "team" is there too).
    const present = valueAt(data, path) ?? {};
    const unused = known.filter((k) => !(k in present));
    return issue.keys.map((key) => {
      const hint = closest(key, unused.length > 0 ? unused : known);
      return {
        path: [...path, key],
        message: `unknown key${hint ? `; did you mean "${hint}"?` : `: remove it (known keys here: ${known.join(', ')})`}`,
      };
    });
  }
  if (issue.code === z.ZodIssueCode.invalid_type) {
    const expected = descriptionAt(path) ?? issue.expected;
    if (issue.received === 'undefined') return [{ path, message: `required: add ${expected}` }];
    return [{ path, message: `expected ${expected}; got ${describe(issue.received)}` }];
  }
  return [{ path, message: issue.message }];
}

function valueAt(data: unknown, path: readonly (string | number)[]): Record<string, unknown> | undefined {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

function describe(received: string): string {
  switch (received) {
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    case 'null':
      return 'nothing (null)';
    case 'integer':
    case 'float':
      return 'a number';
    default:
      return /^[aeiou]/.test(received) ? `an ${received}` : `a ${received}`;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The schema node at a path of the data, through optional/default/effects wrappers. */
function schemaAt(path: readonly (string | number)[]): z.ZodTypeAny | undefined {
  let node: z.ZodTypeAny | undefined = configSchema;
  for (const segment of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodTypeAny>)[String(segment)];
    else if (node instanceof z.ZodArray) node = node.element as z.ZodTypeAny;
    else if (node instanceof z.ZodRecord) node = node.valueSchema as z.ZodTypeAny;
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function unwrap(node: z.ZodTypeAny): z.ZodTypeAny {
  let current = node;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodTypeAny;
    else if (current instanceof z.ZodDefault) current = current.removeDefault() as z.ZodTypeAny;
    else if (current instanceof z.ZodEffects) current = current.innerType() as z.ZodTypeAny;
    else return current;
  }
}

function descriptionAt(path: readonly (string | number)[]): string | undefined {
  let node = schemaAt(path);
  while (node !== undefined) {
    if (node.description) return node.description;
    const inner = unwrap(node);
    if (inner === node) return undefined;
    // Step one wrapper at a time so a description on any layer is found.
    if (node instanceof z.ZodOptional || node instanceof z.ZodNullable) node = node.unwrap() as z.ZodTypeAny;
    else if (node instanceof z.ZodDefault) node = node.removeDefault() as z.ZodTypeAny;
    else if (node instanceof z.ZodEffects) node = node.innerType() as z.ZodTypeAny;
    else return undefined;
  }
  return undefined;
}

function keysAt(path: readonly (string | number)[]): string[] {
  const node = schemaAt(path);
  const inner = node && unwrap(node);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape as object) : [];
}

function lineOf(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: readonly (string | number)[], issue: z.ZodIssue): number | undefined {
  const offset = (node: unknown) => (node && typeof node === 'object' && 'range' in node ? (node as YamlNode).range?.[0] : undefined);
  // For an unknown or missing key, point at the key itself, or at its mapping.
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  let start = offset(node);
  if (start === undefined || issue.code === z.ZodIssueCode.unrecognized_keys) {
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === last);
      start = offset(pair?.key) ?? offset(parent);
    } else start ??= offset(parent);
  }
  return start === undefined ? undefined : lineCounter.linePos(start).line;
}

