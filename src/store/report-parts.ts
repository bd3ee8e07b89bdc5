import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { ReportShape } from '../diff/report-shape.js';

/**
 * How a report is kept: cut into its skeleton (everything but the repositories' and clusters'
 * sections) and one part per section, each part stored once under the hash of its text. A daily
 * scan of an organization where 190 of 200 repositories did not change adds 10 parts, not 200:
 * the parts are content-addressed blobs shared by every assessment that holds them.
 */

/** One repository's or cluster's section of a report, as JSON text, with its content hash. */
export interface ReportPart {
  /** `repository:PATH` or `cluster:NAME`. */
  source: string;
  hash: string;
  /** The section's JSON: compact, or cut out of the report's indented text (UTF-8 bytes). */
  text: string | Buffer;
  section: ReportShape['repositories'][number] | NonNullable<ReportShape['clusters']>[number];
}

export interface SplitReport {
  /** The report without its sections (empty `repositories` and `clusters`), JSON. */
  skeleton: string | Buffer;
  /** The sections in report order: repositories, then clusters. */
  parts: ReportPart[];
}

/** 128 bits of SHA-256: collisions are out of reach for any store, and the key stays short. */
export function partHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * `report`'s skeleton and sections. With `bytes`, the report's text as JSON.stringify(report,
 * null, 2) wrote it (UTF-8), the sections are cut out of those bytes instead of stringified again:
 * for 200 repositories that is 9 MB of JSON not written and not converted to UTF-8 a second time
 * before hashing (most of what `scan --save` cost). Bytes that do not hold the report's sections
 * where expected are ignored, and the sections stringified.
 */
export function splitReport(report: ReportShape, bytes?: Buffer): SplitReport {
  const cut = bytes === undefined ? undefined : cutSections(report, bytes);
  if (cut) return cut;
  const parts: ReportPart[] = [];
  for (const section of report.repositories) {
    const text = JSON.stringify(section);
    parts.push({ source: `repository:${section.path}`, hash: partHash(text), text, section });
  }
  for (const section of report.clusters ?? []) {
    const text = JSON.stringify(section);
    parts.push({ source: `cluster:${section.name}`, hash: partHash(text), text, section });
  }
  // Spread then overwrite: the keys stay in the report's order.
  const skeleton = JSON.stringify({ ...report, repositories: [], ...(report.clusters ? { clusters: [] } : {}) });
  return { skeleton, parts };
}

/**
 * The sections cut out of the indented text, relying on how JSON.stringify indents by 2: a
 * string never holds a raw newline, so every line's indentation is structure. An element of a
 * top-level array opens after "\n    " and closes at the first "\n    }" after it (its own
 * lines are indented deeper). Each element must name its repository or cluster.
 */
function cutSections(report: ReportShape, bytes: Buffer): SplitReport | undefined {
  const repositories = elementsOf(bytes, 'repositories', report.repositories.map((r) => ['path', r.path]));
  // The clusters follow the repositories in a report's order: looked for there first.
  const clusters =
    report.clusters === undefined
      ? { start: -1, end: -1, elements: [] }
      : elementsOf(bytes, 'clusters', report.clusters.map((c) => ['name', c.name]), repositories?.end);
  if (!repositories || !clusters) return undefined;
  const parts: ReportPart[] = [];
  report.repositories.forEach((section, i) => {
    const text = repositories.elements[i]!;
    parts.push({ source: `repository:${section.path}`, hash: partHash(text), text, section });
  });
  (report.clusters ?? []).forEach((section, i) => {
    const text = clusters.elements[i]!;
    parts.push({ source: `cluster:${section.name}`, hash: partHash(text), text, section });
  });
  // The text between the arrays' brackets left out: `"repositories": [\n  ]` is an empty array.
  const kept: Buffer[] = [];
  let from = 0;
  for (const array of [repositories, clusters].filter((a) => a.start >= 0).sort((a, b) => a.start - b.start)) {
    kept.push(bytes.subarray(from, array.start));
    from = array.end;
  }
  kept.push(bytes.subarray(from));
  return { skeleton: Buffer.concat(kept), parts };
}

interface CutArray {
  /** Just after the array's `[`. */
  start: number;
  /** At the newline before its `]`, or at the `]` of an empty one. */
  end: number;
  elements: Buffer[];
}

function elementsOf(bytes: Buffer, key: string, names: [string, string][], after = 0): CutArray | undefined {
  const opening = Buffer.from(`\n  ${JSON.stringify(key)}: [`);
  let at = bytes.indexOf(opening, after);
  if (at < 0 && after > 0) at = bytes.indexOf(opening);
  if (at < 0) return undefined;
  const start = at + opening.length;
  if (bytes[start] === 0x5d /* ] */) return names.length === 0 ? { start, end: start, elements: [] } : undefined;
  const elements: Buffer[] = [];
  let next = start;
  for (const [field, name] of names) {
    if (!bytes.subarray(next, next + 6).equals(ELEMENT_START)) return undefined;
    const close = bytes.indexOf(ELEMENT_END, next + 6);
    if (close < 0) return undefined;
    const element = bytes.subarray(next + 5, close + ELEMENT_END.length);
    // The element is the section named here: a top-level field of it, indented by 6, which a
    // report made by report/json.ts writes first (then found without reading the whole element).
    const naming = Buffer.from(`\n      ${JSON.stringify(field)}: ${JSON.stringify(name)},`);
    const first = element.subarray(1, 1 + naming.length).equals(naming);
    if (!first && !element.includes(naming.subarray(0, -1))) return undefined;
    elements.push(element);
    next = close + ELEMENT_END.length;
    if (bytes[next] === 0x2c /* , */) next++;
  }
  return bytes.subarray(next, next + 4).equals(ARRAY_END) ? { start, end: next, elements } : undefined;
}

const ELEMENT_START = Buffer.from('\n    {');
const ELEMENT_END = Buffer.from('\n    }');
const ARRAY_END = Buffer.from('\n  ]');

/** The report again, from its skeleton and its parts' texts in position order. */
export function joinReport(skeleton: string, parts: readonly { source: string; text: string }[]): ReportShape {
  const report = JSON.parse(skeleton) as ReportShape;
  for (const part of parts) {
    const section = JSON.parse(part.text);
    if (part.source.startsWith('cluster:')) (report.clusters ??= []).push(section);
    else report.repositories.push(section);
  }
  return report;
}

/**
 * Brotli at quality 1 with a 16 MB window: a year of 200-repository reports measured ~10× smaller
 * than gzip's default level and ~50× faster to write (docs/store.md), and reading is fast too.
 */
export function compress(text: string | Buffer): Buffer {
  return brotliCompressSync(text, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) },
  });
}

export function decompress(bytes: Uint8Array): string {
  return brotliDecompressSync(bytes).toString('utf8');
}
