/** Line positions of parsed YAML nodes, shared by both YAML readers (yaml.ts, yaml-fast.ts). */

/**
 * The line positions of one mapping or sequence, flat: `[line, key, keyLine, key, keyLine, …]`
 * for a mapping (every key in order, so the first occurrence of a key is found first), `[line,
 * itemLine, …]` for a sequence. One small array per node, not an object and a Map: a scan keeps
 * hundreds of thousands of these alive until its detectors are done, and a Map per mapping was
 * about a third of the memory a parsed manifest takes.
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
 * The positions of a mapping or sequence from the lines and values of the nodes composed inside
 * it, in order (`kidLines`/`kidResults` from `first` to `end`).
 */
export function describe(result: object, line: number, kidLines: number[], kidResults: unknown[], first: number, end: number): NodeLines {
  const lines: NodeLines = [line];
  if (Array.isArray(result)) {
    for (let i = first; i < end; i++) lines.push(kidLines[i]!);
    return lines;
  }
  // Children of a mapping alternate key, value: the key's own line is what evidence points at.
  for (let i = first; i + 1 < end; i += 2) {
    const key = kidResults[i];
    if (typeof key === 'string') lines.push(key, kidLines[i]!);
    else if (typeof key === 'number' || typeof key === 'boolean') lines.push(String(key), kidLines[i]!);
  }
  return lines;
}

/** The line of `key` in a mapping's positions (its first occurrence), or of the mapping itself. */
export function keyLine(lines: NodeLines, key: string): number {
  for (let i = 1; i < lines.length; i += 2) if (lines[i] === key) return lines[i + 1] as number;
  return lines[0] as number;
}
