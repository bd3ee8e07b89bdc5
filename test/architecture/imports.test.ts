import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, sourceFiles } from './source-files.js';

/**
 * The shape of src/ as tests: no import cycle between files, and layers that only look down.
 * Every kind of import counts (`import type`, `export … from`, `import()`, `typeof import()`),
 * since a type import that goes the wrong way is the first step of a value import that does.
 */

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** File → the files of src/ it imports (`./x.js` is the source `./x.ts`). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const match of readFileSync(join(SRC, file), 'utf8').matchAll(IMPORT)) {
      const target = relative(SRC, resolve(SRC, dirname(file), match[1]!)).split(sep).join('/').replace(/\.js$/, '.ts');
      if (known.has(target)) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every strongly connected group of more than one file (or a file importing itself): each is a cycle. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file)?.includes(file)) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/**
 * The layers, lowest first: a file may import its own layer and the ones below, never above.
 * An entry is a folder of src/ or a single file (the longest entry that contains a path decides).
 * sources → parse → workspace/facts → detectors → model → reports → store → cli/server, with
 * the folders the short form leaves out placed where what they import and what imports them say.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['core'], // shared types and small helpers, imported everywhere
  ['sources'], // all I/O: files, git, clusters, forges
  ['parse'],
  ['config', 'signals/schema.ts', 'signals/patterns.ts', 'signals/user-signals.ts'], // read before anything is scanned
  ['workspace', 'facts'], // what detectors read
  ['detectors', 'cluster', 'history', 'signals'],
  ['model'],
  ['scan', 'cache', 'timeline', 'signals/apply.ts'], // runs detectors, then the model
  ['report', 'diff'],
  ['store', 'shard'], // shard records what a shard scanned in the store
  ['cli', 'server'],
];

/**
 * Imports that go up today, each with why it has not moved yet. The test fails when one is gone
 * too, so this list only shrinks.
 */
const KNOWN_UPWARD: readonly { from: string; to: string; why: string }[] = [
  ...['index.ts', 'resources.ts', 'scan.ts', 'snapshot.ts', 'walk.ts'].map((file) => ({
    from: `sources/cluster/${file}`,
    to: 'cluster|detectors|facts',
    why: 'the cluster reader judges what it reads (footprints, inventory); issue #17 asks for the footprints to be handed in',
  })),
  { from: 'sources/forge/filter.ts', to: 'config', why: "forge repository names are matched with the configuration's glob matcher" },
];

function layerOf(file: string): { rank: number; entry: string } {
  let best: { rank: number; entry: string } | undefined;
  LAYERS.forEach((entries, rank) => {
    for (const entry of entries) {
      const contains = file === entry || file.startsWith(`${entry}/`);
      if (contains && (best === undefined || entry.length > best.entry.length)) best = { rank, entry };
    }
  });
  if (best === undefined) throw new Error(`${file}: in no layer; add its folder to LAYERS`);
  return best;
}

/** Imports from a lower layer to a higher one, as "from → to". */
function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const rank = layerOf(file).rank;
    for (const target of targets) if (layerOf(target).rank > rank) found.push(`${file} → ${target}`);
  }
  return found;
}

function isKnown(violation: string): boolean {
  const [from, to] = violation.split(' → ') as [string, string];
  return KNOWN_UPWARD.some((known) => known.from === from && new RegExp(`^(${known.to})/`).test(to));
}

describe('the shape of src/', () => {
  const graph = importGraph(sourceFiles());

  it('has no import cycle between files, type and dynamic imports included', () => {
    expect(cycles(graph).map((group) => group.join(' ↔ '))).toEqual([]);
  });

  it('imports only downwards through the layers', () => {
    const unexpected = upwardImports(graph).filter((violation) => !isKnown(violation));
    expect(unexpected).toEqual([]);
  });

  it('still needs every known upward import (the list only shrinks)', () => {
    const violations = upwardImports(graph);
    const unused = KNOWN_UPWARD.filter((known) => !violations.some((violation) => violation.startsWith(`${known.from} → `)));
    expect(unused).toEqual([]);
  });

  it('puts every source file in a layer', () => {
    for (const file of graph.keys()) expect(() => layerOf(file)).not.toThrow();
  });

  it('sees a cycle and an upward import when there is one', () => {
    const made = new Map([
      ['scan/a.ts', ['scan/b.ts']],
      ['scan/b.ts', ['scan/c.ts']],
      ['scan/c.ts', ['scan/a.ts']],
      ['detectors/x.ts', ['scan/a.ts', 'facts/k8s/objects.ts']],
      ['facts/k8s/objects.ts', []],
    ]);
    expect(cycles(made)).toEqual([['scan/a.ts', 'scan/b.ts', 'scan/c.ts']]);
    expect(upwardImports(made)).toEqual(['detectors/x.ts → scan/a.ts']);
    expect(layerOf('signals/apply.ts').entry).toBe('signals/apply.ts');
    expect(layerOf('signals/catalogue.ts').entry).toBe('signals');
  });
});
