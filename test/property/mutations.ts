import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';

/**
 * Hostile variations of realistic files: the fixtures of every detector, mutated the ways broken
 * and malicious files differ from good ones (flipped bytes, cut short, repeated lines, template
 * actions, YAML aliases and anchors, tabs, document markers, stray quotes and brackets).
 */

export const DETECTORS_DIR = join(import.meta.dirname, '..', '..', 'src', 'detectors');

export interface FixtureFile {
  /** The detector's fixture case, e.g. "helm/chart-with-templates". */
  fixtureCase: string;
  /** Path inside the case, forward slashes. */
  path: string;
  content: Buffer;
}

let cache: FixtureFile[] | undefined;

/** Every file under src/detectors/<id>/fixtures/<case>/. */
export function fixtureFiles(): FixtureFile[] {
  if (cache) return cache;
  const out: FixtureFile[] = [];
  for (const detector of readdirSync(DETECTORS_DIR)) {
    const fixtures = join(DETECTORS_DIR, detector, 'fixtures');
    try {
      if (!statSync(fixtures).isDirectory()) continue;
    } catch {
      continue;
    }
    for (const entry of readdirSync(fixtures, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const absolute = join(entry.parentPath, entry.name);
      const [fixtureCase, ...rest] = relative(fixtures, absolute).split(sep);
      if (rest.length === 0) continue;
      out.push({ fixtureCase: `${detector}/${fixtureCase}`, path: rest.join('/'), content: readFileSync(absolute) });
    }
  }
  cache = out;
  return out;
}

export function fixtureCases(): Map<string, FixtureFile[]> {
  const cases = new Map<string, FixtureFile[]>();
  for (const file of fixtureFiles()) {
    const list = cases.get(file.fixtureCase) ?? [];
    list.push(file);
    cases.set(file.fixtureCase, list);
  }
  return cases;
}

const INJECTIONS = ['{{ .Values.x }}', '{{- if .Values.y }}', '{{', '}}', '*alias', '&anchor ', '*a', '<<: *a', '\t', '---\n', '...\n', '"', "'", '[', ']', '{', '}', ': ', '- ', '!Ref ', '!vault |', '${', '\\', '\u0000', '\ufeff', '\r', '#', '|-\n', '? ', '%YAML 1.2\n', '\u001b[2J'];

export type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; at: number; times: number }
  | { kind: 'delete-line'; at: number }
  | { kind: 'inject'; at: number; text: string }
  | { kind: 'indent'; at: number; by: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('inject' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.constantFrom('\t', ' ', '   ', '') }),
);

/** Applies mutations in order; positions are taken modulo the current size. */
export function mutate(content: Buffer, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(content);
  for (const m of mutations) {
    const size = Math.max(bytes.length, 1);
    switch (m.kind) {
      case 'flip':
        if (bytes.length > 0) bytes[m.at % bytes.length] = m.byte;
        break;
      case 'truncate':
        bytes = bytes.subarray(0, m.at % size);
        break;
      case 'inject': {
        const at = m.at % size;
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
        break;
      }
      default: {
        const lines = bytes.toString('latin1').split('\n');
        const at = m.at % lines.length;
        if (m.kind === 'duplicate-line') lines.splice(at, 0, ...Array<string>(m.times).fill(lines[at]!));
        else if (m.kind === 'delete-line') lines.splice(at, 1);
        else lines[at] = m.by + lines[at]!.trimStart();
        bytes = Buffer.from(lines.join('\n'), 'latin1');
      }
    }
  }
  return bytes;
}

/** A fixture file's content with up to `max` mutations. */
export function mutatedFixtureArb(filter: (f: FixtureFile) => boolean = () => true, max = 6): fc.Arbitrary<{ file: FixtureFile; bytes: Buffer }> {
  const files = fixtureFiles().filter(filter);
  return fc.tuple(fc.constantFrom(...files), fc.array(mutationArb, { maxLength: max })).map(([file, mutations]) => ({ file, bytes: mutate(file.content, mutations) }));
}
