/** Line positions of parsed YAML nodes, shared by both YAML readers (yaml.ts, yaml-fast.ts). */

export interface NodeLines {
  line: number;
  keys?: Map<string, number>;
  items?: number[];
}

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
  if (Array.isArray(result)) return { line, items: kidLines.slice(first, end) };
  let keys: Map<string, number> | undefined;
  // Children of a mapping alternate key, value: the key's own line is what evidence points at.
  for (let i = first; i + 1 < end; i += 2) {
    const key = kidResults[i];
    if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') {
      const name = String(key);
      keys ??= new Map();
      if (!keys.has(name)) keys.set(name, kidLines[i]!);
    }
  }
  return keys ? { line, keys } : { line };
}
