/** Line positions of parsed YAML nodes, recorded by yaml.ts's js-yaml listener. */

/**
 * The line positions of one mapping or sequence, flat: `[line, key, keyLine, key, keyLine, …]`
 * for a mapping (every key in order, so the first occurrence of a key is found first), `[line,
 * itemLine, …]` for a sequence. One small array per node, not an object and a Map: a scan keeps
 * one per mapping and sequence of every document alive until its detectors are done (2,800
 * manifests: 59,000 nodes). Measured on those: the positions took 13 MB as arrays grown by push,
 * 6 MB as arrays of exact size, beside 9 MB for the parsed values themselves; the garbage
 * collector copies all of it as the heap grows.
 */
export type NodeLines = (number | string)[];

/**
 * Each parsed mapping and sequence carries its positions under this symbol, as a non-enumerable
 * property: invisible to Object.keys, JSON, spreads, structured clones and equality checks, and
 * gone with the value. Why not a WeakMap: a scan parses hundreds of thousands of nodes, and a
 * WeakMap that size cost ~50 ms per 2,800 manifests in insertion and garbage-collection work.
 */
const POSITIONS = Symbol('k8s-maturity.yaml-positions');

export function positionsOf(node: object): NodeLines | undefined {
  return (node as { [POSITIONS]?: NodeLines })[POSITIONS];
}

export function recordPositions(node: object, lines: NodeLines): void {
  Object.defineProperty(node, POSITIONS, { value: lines });
}

/**
 * When a node closes, in either YAML reader: a mapping or sequence gets its positions, from the
 * lines and values of the nodes composed inside it, in order (`kidLines`/`kidResults` from `first`
 * to `end`). Scalars carry none, and an object closed again through an alias keeps the positions
 * of its anchor.
 */
export function recordClosedNode(result: unknown, line: number, kidLines: number[], kidResults: unknown[], first: number, end: number): void {
  if (result !== null && typeof result === 'object' && positionsOf(result) === undefined) {
    recordPositions(result, describe(result, line, kidLines, kidResults, first, end));
  }
}

function describe(result: object, line: number, kidLines: number[], kidResults: unknown[], first: number, end: number): NodeLines {
  // Arrays of their exact size: one grown by push has room for 17 elements or more (V8 grows by
  // half plus 16), and a scan holds one per node of every document until its detectors are done.
  if (Array.isArray(result)) {
    const lines: NodeLines = new Array<number>(end - first + 1);
    lines[0] = line;
    for (let i = first; i < end; i++) lines[i - first + 1] = kidLines[i]!;
    return lines;
  }
  // Children of a mapping alternate key, value: the key's own line is what evidence points at.
  const lines: NodeLines = new Array<number | string>(1 + 2 * ((end - first) >> 1));
  lines[0] = line;
  let at = 1;
  for (let i = first; i + 1 < end; i += 2) {
    const key = kidResults[i];
    if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') continue;
    lines[at++] = typeof key === 'string' ? key : String(key);
    lines[at++] = kidLines[i]!;
  }
  if (at < lines.length) lines.length = at; // a key that was a collection has no line of its own
  return lines;
}

/** The line of `key` in a mapping's positions (its first occurrence), or of the mapping itself. */
export function keyLine(lines: NodeLines, key: string): number {
  for (let i = 1; i < lines.length; i += 2) if (lines[i] === key) return lines[i + 1] as number;
  return lines[0] as number;
}
