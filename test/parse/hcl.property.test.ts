import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allBlocks } from '../../src/parse/hcl.js';
import { parseHclText } from '../../src/parse/hcl/parser.js';
import { initReferenceParser, parseHclReference } from './hcl-tree-sitter-reference.js';

/**
 * The HCL fixtures, mutated the ways real files break (cut short, characters flipped, HCL tokens
 * injected where they do not belong, lines repeated or dropped): the parser always returns, with
 * lines inside the file, and wherever tree-sitter still reads the file without errors it reads
 * the same thing. A parse that hung or recursed without bound would fail on the test timeout.
 */

const FIXTURES = join(import.meta.dirname, '../../src/parse/hcl/fixtures');
const fixtures = readdirSync(FIXTURES).map((name) => readFileSync(join(FIXTURES, name), 'utf8'));

const TOKENS = [
  '{', '}', '[', ']', '(', ')', '"', '${', '%{', '~', ',', '.', '...', '.*', '[*]', '=', '==', '=>', ':', '::', '?', '!', '-', '*', '/', '<',
  '<<', '<<-', '<<EOF\n', '\nEOF\n', '\n', ' ', '\t', '\r\n', '#', '//', '/*', '*/', '\\', '\\n', '\\u00e9', '1', '1.5', '0x1F', '1e5', 'true',
  'null', 'for', 'in', 'if', 'endif', 'endfor', 'x', 'a-b', 'a::b', '$', '$$', '%%', '\u2000', '\u00a0', '\ufeff', '\u0000', 'é', '😀',
];

type Mutation =
  | { kind: 'inject'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'flip'; at: number; code: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'delete-line'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('inject' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0x2fff }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  for (const m of mutations) {
    const at = m.at % (text.length + 1);
    if (m.kind === 'inject') text = text.slice(0, at) + m.text + text.slice(at);
    else if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
    else if (m.kind === 'flip') text = text.slice(0, at) + String.fromCharCode(m.code) + text.slice(at + 1);
    else if (m.kind === 'truncate') text = text.slice(0, at);
    else {
      const lines = text.split('\n');
      const line = m.at % lines.length;
      if (m.kind === 'duplicate-line') lines.splice(line, 0, lines[line]!);
      else lines.splice(line, 1);
      text = lines.join('\n');
    }
  }
  return text;
}

const mutatedArb = fc.tuple(fc.constantFrom(...fixtures), fc.array(mutationArb, { minLength: 1, maxLength: 5 })).map(([text, mutations]) => mutate(text, mutations));

beforeAll(() => initReferenceParser());

/**
 * The one known way the two parsers differ: which non-ASCII characters may be part of a name
 * (src/parse/hcl/lexer.ts, ID_START: Node's Unicode tables are newer than tree-sitter's). A
 * character the two classify differently is replaced before they are compared, found by asking
 * both parsers about it, so that nothing else can hide behind this exception.
 */
const agreesOnNames = new Map<string, boolean>();
function sameNameRules(ch: string): boolean {
  let agrees = agreesOnNames.get(ch);
  if (agrees === undefined) {
    // First and inside a name, separately: an error in one position would hide a difference in the other.
    agrees = [`b {\n  ${ch}x = 1\n}\n`, `b {\n  x${ch} = 2\n}\n`].every((probe) => parseHclReference(probe).hasErrors === parseHclText(probe).hasErrors);
    agreesOnNames.set(ch, agrees);
  }
  return agrees;
}
const comparable = (text: string): string => text.replace(/[\u{80}-\u{10ffff}]/gu, (ch) => (sameNameRules(ch) ? ch : '_'));

describe('parseHcl on mutated fixtures', () => {
  it('returns blocks and attributes with lines inside the file, never throwing', () => {
    fc.assert(
      fc.property(mutatedArb, (text) => {
        const file = parseHclText(text);
        const lines = text.split('\n').length;
        for (const block of allBlocks(file)) {
          expect(block.line).toBeGreaterThanOrEqual(1);
          expect(block.line).toBeLessThanOrEqual(lines);
          for (const attribute of Object.values(block.attributes)) {
            expect(attribute.line).toBeGreaterThanOrEqual(block.line);
            expect(attribute.line).toBeLessThanOrEqual(lines);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads what tree-sitter reads whenever tree-sitter finds no error, and finds errors when it does', () => {
    fc.assert(
      fc.property(mutatedArb.map(comparable), (text) => {
        const expected = parseHclReference(text);
        const actual = parseHclText(text);
        if (expected.hasErrors) expect(actual.hasErrors).toBe(true);
        else expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 300 },
    );
  });
});
