import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBlocks, parseHcl, type HclFile } from './hcl.js';
import { parseHclText } from './hcl/parser.js';

/**
 * Broken files: the parser reports errors, keeps what it read before them, and neither throws,
 * hangs, recurses without bound nor slows down quadratically. None of these tests initialises the
 * parser: it needs nothing loaded. The sizes are chosen so that a quadratic step would time out.
 */

const FIXTURES = join(import.meta.dirname, 'hcl', 'fixtures');
const eks = readFileSync(join(FIXTURES, 'eks-cluster.tf'), 'utf8');
const helm = readFileSync(join(FIXTURES, 'helm-releases.tf'), 'utf8');

/** Parses without the safety net of parseHcl, so a parser bug shows as an exception here. */
function parse(text: string): HclFile {
  return parseHclText(text);
}

const summary = (file: HclFile) => file.blocks.map((b) => `${b.type} ${b.labels.join(' ')}`.trim());

describe('parseHcl on broken files', () => {
  it('keeps the blocks before an unclosed block, and the unclosed block with what it holds', () => {
    const file = parse('module "vpc" {\n  source = "x"\n}\nresource "aws_eks_cluster" "main" {\n  name = "prod"\n  vpc_config {\n    subnet_ids = [1]\n');
    expect(file.hasErrors).toBe(true);
    expect(summary(file)).toEqual(['module vpc', 'resource aws_eks_cluster main']);
    expect(file.blocks[1]!.attributes.name!.value).toBe('prod');
    expect(file.blocks[1]!.blocks[0]!.attributes.subnet_ids!.value).toEqual([1]);
  });

  it('skips stray tokens and garbage lines and reads on', () => {
    const file = parse(['a {}', ']', 'b { x = 1 }', ') = ( ;', 'c "l" {', '  @@@ garbage ###', '  y = 2', '}', '= 3', 'd {}'].join('\n'));
    expect(file.hasErrors).toBe(true);
    expect(summary(file)).toEqual(['a', 'b', 'c l', 'd']);
    expect(file.blocks[2]!.attributes.y).toEqual({ name: 'y', value: 2, line: 7 });
  });

  it('drops an attribute whose value is broken and keeps the next one', () => {
    const file = parse('b {\n  a = [1, 2\n  c = 3\n  d = f(\n  e = "ok"\n  g = {\n}\nafter {}\n');
    expect(file.hasErrors).toBe(true);
    expect(file.blocks[0]!.attributes.c).toEqual({ name: 'c', value: 3, line: 3 });
    expect(file.blocks[0]!.attributes.e).toEqual({ name: 'e', value: 'ok', line: 5 });
    expect(file.blocks[0]!.attributes.a).toBeUndefined();
  });

  it('reports unterminated strings, heredocs, comments and templates', () => {
    for (const text of [
      'b { a = "open }\n',
      'b {\n  a = <<EOF\nnever closed\n}\n',
      'b {\n  a = <<EOF\nx\nEOF',
      'b {\n  /* open comment\n  a = 1\n}\n',
      'b { a = "${x" }\n',
      'b { a = "%{ if x }" }\n',
      'b { a = "%{ endif }" }\n',
      'b { a = "\\q" }\n',
      'b { a = 1e5 }\n',
      'b { a = }\n',
    ]) {
      const file = parse(text);
      expect(file.hasErrors, text).toBe(true);
      expect(file.blocks[0]?.type, text).toBe('b');
    }
  });

  it('keeps every block that ends before the point where a file is cut off', () => {
    const whole = parse(eks);
    expect(whole.hasErrors).toBe(false);
    // A block is complete once the line of the next one has begun.
    const nextStarts = whole.blocks.slice(1).map((b) => lineStart(eks, b.line));
    for (let cut = 0; cut < eks.length; cut += 7) {
      const file = parse(eks.slice(0, cut));
      const complete = nextStarts.filter((start) => start <= cut).length;
      expect(file.blocks.slice(0, complete), `cut at ${cut}`).toEqual(whole.blocks.slice(0, complete));
      for (const block of allBlocks(file)) expect(block.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('reads around binary junk without throwing', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const junk = Array.from({ length: 1 + Math.floor(random() * 200) }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('');
      const at = Math.floor(random() * helm.length);
      const file = parse(helm.slice(0, at) + junk + helm.slice(at));
      expect(Array.isArray(file.blocks)).toBe(true);
    }
    const file = parse(`${helm}\n\u0000\u0001\u00ff\ufffd\ud800`);
    expect(file.hasErrors).toBe(true);
    expect(file.blocks.length).toBe(parse(helm).blocks.length);
  });

  it('needs no initialisation and never throws through parseHcl', () => {
    expect(parseHcl('terraform {}\n').blocks[0]!.type).toBe('terraform');
    expect(parseHcl('').hasErrors).toBe(false);
    expect(parseHcl('# only a comment').blocks).toEqual([]);
  });
});

describe('parseHcl on hostile files', () => {
  const N = 10_000;

  it.each([
    ['blocks', 'a {\n'.repeat(N)],
    ['closed blocks', 'a {\n'.repeat(N) + '}\n'.repeat(N)],
    ['tuples', `b {\n  a = ${'['.repeat(N)}1${']'.repeat(N)}\n}\n`],
    ['objects', `b {\n  a = ${'{ k = '.repeat(N)}1${' }'.repeat(N)}\n}\n`],
    ['parentheses', `b {\n  a = ${'('.repeat(N)}1${')'.repeat(N)}\n}\n`],
    ['calls', `b {\n  a = ${'f('.repeat(N)}1${')'.repeat(N)}\n}\n`],
    ['conditionals', `b {\n  a = ${'x ? '.repeat(N)}1${' : 2'.repeat(N)}\n}\n`],
    ['interpolations', `b {\n  a = ${'"${'.repeat(N)}x${'}"'.repeat(N)}\n}\n`],
    ['directives', `b {\n  a = "${'%{ if x }'.repeat(N)}${'%{ endif }'.repeat(N)}"\n}\n`],
    ['heredocs in interpolations', `b {\n  a = ${'<<EOF\n${'.repeat(N)}x${'}\nEOF\n'.repeat(N)}\n}\n`],
    ['unary operators', `b {\n  a = ${'-!'.repeat(N * 10)}x\n}\n`],
    ['index chains', `b {\n  a = x${'[0].y'.repeat(N * 10)}\n}\n`],
  ])('%s nested 10,000 deep', (_name, text) => {
    const file = parse(text);
    expect(file.blocks.length).toBeGreaterThanOrEqual(1);
  });

  it('reads a 10 MB line through the long-line shortening', () => {
    const file = parseHcl(`b {\n  a = "${'x'.repeat(10 * 1024 * 1024)}"\n  c = 1\n}\n`);
    expect(file.hasErrors).toBe(false);
    expect(file.blocks[0]!.attributes.c!.line).toBe(3);
    expect((file.blocks[0]!.attributes.a!.value as string).length).toBeLessThan(70_000);
  });

  it.each([
    ['1 MB of {', '{'.repeat(1 << 20)],
    ['1 MB of { on lines', '{\n'.repeat(1 << 19)],
    ['1 MB of { after a block', 'b {\n' + '{'.repeat(1 << 20)],
    ['unclosed heredocs', 'b {\n' + '  a = <<EOF\n'.repeat(100_000)],
    ['unterminated comments', 'b {\n' + '  a = 1 /* x\n'.repeat(100_000)],
    ['unterminated strings', 'b {\n' + '  a = "x\n  "'.repeat(100_000)],
    ['comments broken by NUL', 'b {\n' + '/* \u0000 */\n'.repeat(100_000)],
    ['stray brackets', 'b {\n' + '] ) } [ ( "\n'.repeat(100_000)],
    ['one-line garbage', 'b { ' + '= , ] ) ? : => ... '.repeat(100_000)],
    ['deep labels', 'b ' + '"l" '.repeat(200_000)],
  ])('stays linear on %s', (_name, text) => {
    const file = parse(text);
    expect(file.hasErrors).toBe(true);
  });
});

function lineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 1; i < line; i++) at = text.indexOf('\n', at) + 1;
  return at;
}
