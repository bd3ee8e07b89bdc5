import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHcl } from '../../src/parse/hcl.js';
import { initReferenceParser, parseHclReference } from './hcl-tree-sitter-reference.js';

/**
 * The hand-written parser must read what the tree-sitter conversion read, value for value and in the
 * same key order: realistic fixtures (and the same files with CRLF line ends, a byte order mark, no
 * final newline), then one-liners for the corners of the grammar. Files with syntax errors only
 * need to agree that there are errors: recovery differs.
 */

const FIXTURES = join(import.meta.dirname, '../../src/parse/hcl/fixtures');
const fixtures = readdirSync(FIXTURES).map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));

beforeAll(() => initReferenceParser());

function expectSame(text: string): void {
  const expected = parseHclReference(text);
  const actual = parseHcl(text);
  if (expected.hasErrors) {
    expect(actual.hasErrors).toBe(true);
    return;
  }
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

describe('parseHcl reads what the tree-sitter conversion read', () => {
  it.each(fixtures)('fixture $name', ({ text }) => {
    expect(parseHclReference(text).hasErrors).toBe(false);
    expectSame(text);
  });

  it.each(fixtures)('fixture $name with CRLF, a byte order mark, no final newline, tabs', ({ text }) => {
    expectSame(text.replace(/\n/g, '\r\n'));
    expectSame(`\ufeff${text}`);
    expectSame(text.trimEnd());
    expectSame(text.replace(/^ {2}/gm, '\t'));
  });

  const corners: [string, string, boolean][] = [
    ['string ends and unusual whitespace', 'b {\n  a = "  x \t"\n  c = "   "\n  d = " x ${y} "\n  e = "\u2006x\u2007"\n}\n', false],
    ['$ and % that are no templates, escapes', 'b {\n  a = "$x $$ $${y} %% %%{z} 100%"\n  c = "\\\\ \\" \\n \\r \\t \\u00e9 \\U0001F600"\n}\n', false],
    ['labels, where ${ is text', 'b "  x  " "${not_a_template}" "%{ neither }" y {}\n', false],
    ['a string over two lines', 'b {\n  a = "multi\nline"\n}\n', false],
    ['nested templates and directives', 'b {\n  a = "${ "}" }${ {a = "{"} }"\n  c = "%{ if x ~}${y}%{~ else }z%{ endif }"\n  d = "%{for k, v in m}${k}=${v}%{endfor}"\n}\n', false],
    ['a quote inside a directive, empty interpolations', 'b {\n  a = "%{ if x }"quoted"%{ endif }"\n  c = "${}${~}${~ x ~}"\n  d = "%{ iffy }${y}%{ endif }"\n}\n', false],
    ['heredoc markers that are not the end', 'b {\n  a = <<EOF\nEOFX\n EOF y\n$EOF\n  EOF\n  c = <<-EOT\n  %{ if x }\n  EOT\n  %{ endif }\n  EOT  \n  d = << EOF\nEOF\n}\n', false],
    ['heredocs with CRLF, in tuples and interpolations', 'b {\n  a = <<EOF\r\nx\r\nEOF\r\n  c = [<<A\n1\nA\n, <<B\n2\nB\n]\n  d = "${<<EOF\nx\nEOF\n}"\n}\n', false],
    ['numbers and names read the grammar\'s way', 'b {\n  a = 007\n  c = 1.5E-2\n  d = 0xZZ\n  e = a-b\n  f = a::b::c(1)\n  g = a.0.5\n  h = true_x\n  i = nullable\n}\n', false],
    ['keywords as attribute and block names', 'b {\n  for = 1\n  in = 2\n  if = 3\n  true = 4\n  null = 5\n}\nfor "x" {}\n', false],
    ['keywords as keys and references', 'b {\n  a = { in = 1, if = 2, endif = 3, true = 4, null = 5, 6 = 7, (x) = 8, "${y}" = 9 }\n  c = [in, if, for_each, a.for, a.true]\n}\n', false],
    ['<< after an operand, conditionals, unary chains', 'b {\n  a = x <<<EOF\nEOF\n  c = (x <<<EOF\nEOF\n)\n  d = { k = x <<EOF\nEOF\n = 1 }\n  e = a ? b ? c : d : e ? f : g\n  f = - - !a\n}\n', false],
    ['keys after values without a comma, calls, parentheses', 'b {\n  a = { k = b !c = 1 }\n  c = f(\n    1,\n    2,\n  )\n  d = f(a, b...)\n  e = (a)\n  g = ((a)).b\n}\n', false],
    ['separators, comments, duplicate keys, __proto__', 'b {\n  a = { x = 1, x = 2 y = 3, }\n  c = [1, 2,]\n  d = {\n    # c\n    a = 1 # c\n    // d\n    b = /* e */ 2\n  }\n  e = { __proto__ = 1, z = 2 }\n  __proto__ = 3\n}\n', false],
    ['attributes outside blocks', 'a = 1\nb { c = 2 }\nd = [3]\n', false],
    ['a file that is one object', '{ "a": 1, "b": [2] }\n', false],
    ['wide whitespace before a quote and a closing brace', 'b {\n  a = \u2000"x"\n  c = "${x\u2000}"\n}\n', false],
    ['a lone CR inside a comment (it runs to the next LF)', 'b {\n  a = 1 # comment\r  c = 2\n}\n', false],
    // Errors for tree-sitter (some of them valid HCL): only the error flag must agree.
    ['a no-break space', 'b {\n  a = 1\n}\n\u00a0\n', true],
    ['a NUL in a comment', 'b {\n  # a comment with a \u0000 in it\n  a = 1\n}\n', true],
    ['an exponent without a fraction', 'b {\n  a = 1e5\n}\n', true],
    ['a splat with spaces', 'b {\n  a = x[ * ]\n}\n', true],
    ['a heredoc closed at the very end of the file', 'b {\n  a = <<EOF\nx\nEOF', true],
    ['commas between attributes', 'b { a = 1, c = 2 }\n', true],
  ];

  it.each(corners)('%s', (_name, text, errors) => {
    expect(parseHclReference(text).hasErrors).toBe(errors);
    expectSame(text);
  });

  it('values nested past the depth where the conversion read text', () => {
    for (const leaf of ['1', '"s"', 'true', 'var.x', 'f(1)', '"${x}"', '<<EOF\nx\nEOF\n', '[]', `v${'x'.repeat(600)}`]) {
      for (let depth = 18; depth <= 24; depth++) {
        let tuple = leaf;
        let object = leaf;
        for (let i = 0; i < depth; i++) {
          tuple = `[${tuple}, 2]`;
          object = `{ k${i} = ${object}, (p) = 1 }`;
        }
        expectSame(`b {\n  a = ${tuple}\n  c = ${object}\n  d = { ${tuple} = 1 }\n}\n`);
      }
    }
  });
});
