import jsyaml from 'js-yaml';
import { blankTemplateActions, hasTemplateActions } from './helm-template.js';
import { keyLine, positionsOf, recordClosedNode, recordPositions, type NodeLines } from './yaml-positions.js';

/**
 * YAML with line numbers, fast enough for thousands of manifests.
 *
 * js-yaml is about ten times faster than the `yaml` package here but gives no positions, so we
 * collect them through its node listener: every mapping and sequence it builds is mapped to the
 * line where it starts, and every mapping key to its own line. Documents are split on `---` first,
 * so one broken document never costs the others (js-yaml gives up on the whole stream otherwise).
 */

export interface YamlDocument {
  /** The document's content as plain data (mappings are plain objects). */
  value: unknown;
  /** 1-based line where the document starts. */
  line: number;
  /** True when the document was Go-templated and its actions were blanked before parsing. */
  templated: boolean;
  /** True when the document could not be parsed and only its top-level `key: scalar` lines were read. */
  partial: boolean;
}

export interface YamlParseResult {
  documents: YamlDocument[];
  /** "line N: reason" for each document that failed or was refused. */
  errors: string[];
}

export interface YamlParseOptions {
  maxDocuments: number;
  maxNodes: number;
}

/**
 * The 1-based line of `key` inside `node`, or of `node` itself. Falls back to `fallback` for
 * values that were not produced by parseYaml (or scalars, which carry no identity).
 */
export function lineOf(node: unknown, key?: string | number, fallback = 1): number {
  if (node === null || typeof node !== 'object') return fallback;
  const lines = positionsOf(node);
  if (!lines) return fallback;
  const own = lines[0] as number;
  if (key === undefined) return own;
  if (Array.isArray(node)) return typeof key === 'number' ? ((lines[key + 1] as number | undefined) ?? own) : own;
  return typeof key === 'string' ? keyLine(lines, key) : own;
}

/** Tags that real files use and js-yaml does not know: CloudFormation, GitLab, Ansible. */
const CUSTOM_TAGS = [
  'Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'And', 'Or', 'Not', 'FindInMap',
  'ImportValue', 'GetAZs', 'Base64', 'Cidr', 'Condition', 'Transform', 'ValueOf', 'Length', 'ToJsonString',
  'reference', 'vault', 'unsafe', 'include', 'secret', 'env',
];

function tagTypes(): jsyaml.Type[] {
  const types: jsyaml.Type[] = [];
  for (const name of CUSTOM_TAGS) {
    for (const kind of ['scalar', 'sequence', 'mapping'] as const) {
      types.push(
        new jsyaml.Type(`!${name}`, {
          kind,
          // `!vault` holds ciphertext: keep a marker, never the bytes, so nothing downstream can print it.
          construct: (data: unknown) => (name === 'vault' ? { '!vault': '<encrypted>' } : { [`!${name}`]: data }),
        }),
      );
    }
  }
  return types;
}

// The core schema (no YAML 1.1 surprises such as `on` → true or dates) plus merge keys
// (`<<: *defaults`, as GitLab CI and compose files use them). The merge type must be implicit: a
// plain `<<` is only resolved to it by implicit types (extend([...]) would make it explicit, and
// `<<` a plain key).
const mergeType = (jsyaml.DEFAULT_SCHEMA as unknown as { implicit: (jsyaml.Type & { tag: string })[] }).implicit.filter((t) => t.tag === 'tag:yaml.org,2002:merge');
const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: mergeType, explicit: tagTypes() });

const NOT_BLANK = /\S/;

export function parseYaml(text: string, options: YamlParseOptions): YamlParseResult {
  const documents: YamlDocument[] = [];
  const errors: string[] = [];
  const chunks = splitDocuments(text);
  if (chunks.length > options.maxDocuments) {
    errors.push(`line 1: ${chunks.length} documents, over the limit of ${options.maxDocuments}: only the first ${options.maxDocuments} were read`);
    chunks.length = options.maxDocuments;
  }
  for (const chunk of chunks) {
    if (!NOT_BLANK.test(chunk.text)) continue; // (trim() would copy every document to find out)
    const parsed = parseChunk(chunk.text, chunk.startLine, options);
    if ('error' in parsed) {
      errors.push(parsed.error);
      if (parsed.partial) documents.push(parsed.partial);
      continue;
    }
    if (parsed.document.value === null || parsed.document.value === undefined) continue;
    documents.push(parsed.document);
  }
  return { documents, errors };
}

interface Chunk {
  text: string;
  /** 0-based line of the chunk's first line in the file. */
  startLine: number;
}

const DOCUMENT_MARKER = /^(?:---|\.\.\.)/m;

/** Splits on document markers. A `---` at column 0 always ends a document, even after a block scalar. */
function splitDocuments(text: string): Chunk[] {
  // Most files are one document: a native search for a marker spares the line-by-line walk.
  if (!DOCUMENT_MARKER.test(text)) return [{ text, startLine: 0 }];
  const chunks: Chunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let pos = 0;
  while (pos <= text.length) {
    const end = text.indexOf('\n', pos);
    const lineEnd = end === -1 ? text.length : end;
    if (text.startsWith('---', pos) || text.startsWith('...', pos)) {
      const after = text.charCodeAt(pos + 3);
      if (pos + 3 === lineEnd || after === 32 || after === 9) {
        chunks.push({ text: text.slice(start, pos), startLine });
        // Content after `--- ` on the marker line belongs to the next document.
        const isEnd = text.startsWith('...', pos);
        start = isEnd ? lineEnd : pos + 3;
        startLine = line;
        if (isEnd) startLine = line + 1;
      }
    }
    if (end === -1) break;
    pos = end + 1;
    line++;
  }
  chunks.push({ text: text.slice(start), startLine });
  return chunks;
}

type ChunkResult = { document: YamlDocument } | { error: string; partial?: YamlDocument };

/** A line that is only a Go-template control action: certainly a template, never plain YAML. */
const GO_TEMPLATE_LINE = /^[ \t]*\{\{-?[ \t]*(if|else|end|range|with|include|toYaml|define|template|tpl|\/\*)\b/m;

function parseChunk(text: string, startLine: number, options: YamlParseOptions): ChunkResult {
  // A chart template would fail as YAML anyway: blank its actions first instead of parsing twice.
  if (GO_TEMPLATE_LINE.test(text)) {
    const blanked = loadWithLines(blankTemplateActions(text), startLine, options);
    if (!('error' in blanked)) return { document: { value: blanked.value, line: firstContentLine(text, startLine), templated: true, partial: false } };
    return { error: `templated YAML, read top-level fields only (${blanked.error})`, partial: topLevelScalars(text, startLine) };
  }
  const first = loadWithLines(text, startLine, options);
  if (!('error' in first)) return { document: { value: first.value, line: firstContentLine(text, startLine), templated: false, partial: false } };
  if (hasTemplateActions(text)) {
    const second = loadWithLines(blankTemplateActions(text), startLine, options);
    if (!('error' in second)) {
      return { document: { value: second.value, line: firstContentLine(text, startLine), templated: true, partial: false } };
    }
    return { error: `templated YAML, read top-level fields only (${second.error})`, partial: topLevelScalars(text, startLine) };
  }
  return { error: first.error, partial: topLevelScalars(text, startLine) };
}

function firstContentLine(text: string, startLine: number): number {
  // Line by line without splitting the document: this runs once per document of every file.
  let start = 0;
  for (let i = 0; i < 200 && start <= text.length; i++) {
    const end = text.indexOf('\n', start);
    const t = text.slice(start, end === -1 ? text.length : end).trim();
    // A chart template's object starts at its first real key, not at a `{{- if … }}` line.
    if (t !== '' && !t.startsWith('#') && (!t.includes('{{') || t.replace(/\{\{[\s\S]*?\}\}/g, '').trim() !== '')) return startLine + i + 1;
    if (end === -1) break;
    start = end + 1;
  }
  return startLine + 1;
}

function loadWithLines(text: string, startLine: number, options: YamlParseOptions): { value: unknown } | { error: string } {
  const loaded = loadWithListener(text, startLine);
  if ('error' in loaded) return loaded;
  const value = loaded.value;
  // Without anchors a document has at most one node per character: only documents with anchors
  // (and so possibly an alias bomb) or longer than the limit need the walk that counts them.
  if ((text.includes('&') || text.length > options.maxNodes) && countNodes(value, options.maxNodes) > options.maxNodes) {
    return { error: `line ${startLine + 1}: expands to more than ${options.maxNodes} nodes (an alias bomb?): not read` };
  }
  return { value };
}

/** js-yaml with a node listener that records the positions: any YAML, with js-yaml's own error messages. */
function loadWithListener(text: string, startLine: number): { value: unknown } | { error: string } {
  // Flat stacks instead of an object per node: most nodes are scalars, and a scan parses thousands
  // of documents, so the listener must allocate as little as it can. The children stacks are cut
  // back by moving `top` rather than by setting their length, which V8 makes a slow path.
  const openLines: number[] = [];
  const openKids: number[] = [];
  const kidLines: number[] = [];
  const kidResults: unknown[] = [];
  let top = 0;
  const listener = (event: 'open' | 'close', state: { line: number; result: unknown }): void => {
    if (event === 'open') {
      openLines.push(startLine + state.line + 1);
      openKids.push(top);
      return;
    }
    const line = openLines.pop();
    const first = openKids.pop();
    if (line === undefined || first === undefined) return;
    const result = state.result;
    recordClosedNode(result, line, kidLines, kidResults, first, top);
    top = first;
    kidLines[top] = line;
    kidResults[top] = result;
    top++;
  };
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: SCHEMA, json: true, listener } as jsyaml.LoadOptions);
  } catch (error) {
    if (error instanceof RangeError) return { error: `line ${startLine + 1}: nested too deeply to parse` };
    const mark = (error as { mark?: { line: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? 'invalid YAML';
    return { error: `line ${startLine + (mark?.line ?? 0) + 1}: ${reason}` };
  }
  return { value };
}

/** Counts nodes up to `limit`; shared references (aliases) are counted each time, as a walk would. */
export function countNodes(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    if (count > limit) return count;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) for (const item of node) stack.push(item);
    else for (const key in node) stack.push((node as Record<string, unknown>)[key]);
  }
  return count;
}

/** For a document nothing can parse: keep `apiVersion`, `kind` and similar top-level scalars. */
function topLevelScalars(text: string, startLine: number): YamlDocument | undefined {
  const value: Record<string, string> = {};
  const line = firstContentLine(text, startLine);
  const positions: NodeLines = [line];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([A-Za-z_][\w.-]*):[ \t]+([^#{}\s][^#]*?)\s*$/.exec(lines[i]!);
    if (!match || match[1]! in value) continue;
    value[match[1]!] = match[2]!.replace(/^["']|["']$/g, '');
    positions.push(match[1]!, startLine + i + 1);
  }
  if (positions.length === 1) return undefined;
  recordPositions(value, positions);
  return { value, line, templated: true, partial: true };
}
