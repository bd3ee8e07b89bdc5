import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate, mutationArb } from '../../test/property/mutations.js';
import { parseDockerfile } from './dockerfile.js';
import { lexDockerfile } from './dockerfile/lexer.js';
import { initialArgsReference, parseDockerfileReference } from './dockerfile/reference.js';

/**
 * On any text, random or a mutated real Dockerfile, the hand-written lexer gives parseDockerfile
 * what dockerfile-ast gave it, and never throws. The generators lean on what makes Dockerfiles
 * hard: escape characters before newlines, blanks and other characters, comment and blank lines
 * inside continuations, heredocs, flags, quotes, directives, \r.
 */

const RUNS = 1500;

function expectSameAsReference(text: string): void {
  const actual = parseDockerfile(text);
  const args = [...lexDockerfile(text).initialArgs];
  let expected: ReturnType<typeof parseDockerfileReference>;
  let expectedArgs: [string, string][];
  try {
    expected = parseDockerfileReference(text);
    expectedArgs = [...initialArgsReference(text)];
  } catch {
    return; // dockerfile-ast never threw in practice; where it would, ours still must not (above)
  }
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  expect(args).toEqual(expectedArgs);
}

const KEYWORDS = ['FROM', 'from', 'ARG', 'arg', 'RUN', 'run', 'COPY', 'ADD', 'ONBUILD', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'ENV', 'LABEL', 'WORKDIR', 'USER', 'EXPOSE', 'SHELL', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER', 'FOO', 'R\\UN', 'RU\\\nN'];
const WORDS = [
  'a', 'b=c', 'X=1', 'A=$B', 'B=${C:-d}', 'C="x y"', "D='q'", '"E"=1', "'F=2'", 'G=', '=H', 'I="a\\"b"', 'J=a\\ b',
  '--platform=$P', '--from=build', '--mount=type=cache', '--x', 'a--b', '-a--b', 'AS', 'as', 'build', 'golang:${GO}',
  '${IMG}', '$IMG', 'scratch', 'alpine:3.19', '<<EOF', '<<-EOF', '<<"EOF"', "<<'E'", '<<E', '<<', "<<''", '/file', 'CMD',
  'NONE', '["a",', '"b"]', '[]', '#', '#x', '\\$x', '\\', '`', '\\\\', 'q\\ r', '${A:-$B}', '"', "'", '${x y}', '${', '}', 'é', 'ı',
];
const SEPARATORS = [' ', ' ', '\t', '  ', ' \\\n', ' \\\n  ', '\\\n', ' \\ \n', ' \\\t\n', ' \\\n# comment\n', ' \\\n\n', ' \\\n  # c \\\n', ' \\\r\n', ' `\n', '\\ ', ' \\\n#\n ', ' \\\nx\\\n'];
const DIRECTIVES = ['', '', '', '# escape=`\n', '# escape=\\\n', '# syntax=docker/dockerfile:1\n', '#escape=`\n', '# ESCAPE = ` \n', '# escape=`\r\n', '\ufeff', '# escape=x\n# escape=`\n', '# directive=\n'];
const BODIES = ['', '', '', 'echo hi\nEOF\n', '\tEOF\n', 'x\n E\nE\n', 'EOF', 'a\nb\n"EOF"\nEOF\n', '\n\nEOF\n'];

/** Lines that look like a Dockerfile's: keyword, words joined by blanks and continuations, heredoc bodies. */
const instructionLine = fc
  .tuple(
    fc.constantFrom('', '', ' ', '\t'),
    fc.constantFrom(...KEYWORDS),
    fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), fc.constantFrom(...WORDS)), { maxLength: 6 }),
    fc.constantFrom('\n', '\n', '\r\n', '', ' \n', '\\\n'),
    fc.constantFrom(...BODIES),
  )
  .map(([indent, keyword, words, end, body]) => indent + keyword + words.map(([sep, word]) => sep + word).join('') + end + body);
const otherLine = fc.constantFrom('# comment\n', '\n', '  \n', '#\n', '  # indented\n', 'ARG A=1\n', 'FROM ${A}:$B AS x\n');
const dockerfileLike = fc
  .tuple(fc.constantFrom(...DIRECTIVES), fc.array(fc.oneof({ weight: 4, arbitrary: instructionLine }, { weight: 1, arbitrary: otherLine }), { maxLength: 12 }))
  .map(([directive, lines]) => directive + lines.join(''));

/** Any string of the characters that matter, one at a time. */
const characterSoup = fc
  .array(fc.constantFrom('\\', '`', ' ', '\t', '\n', '\n', '\r', '#', '"', "'", '=', '$', '{', '}', '<', '-', 'A', 'R', 'U', 'N', 'x', 'E', 'O', 'F', '[', ']'), { maxLength: 80 })
  .map((chars) => chars.join(''));

/** Realistic Dockerfiles, ours and the detectors' fixtures, with the mutations hostile files have. */
const FIXTURES = join(import.meta.dirname, 'dockerfile', 'fixtures');
const DETECTORS = join(import.meta.dirname, '..', 'detectors');
const DOCKERFILE = /^(dockerfile|containerfile)$|\.dockerfile$|^dockerfile\./i;
const realFiles = [
  ...readdirSync(FIXTURES).map((name) => readFileSync(join(FIXTURES, name))),
  ...readdirSync(DETECTORS, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && DOCKERFILE.test(entry.name) && entry.parentPath.includes('fixtures'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name))),
];
const mutatedFile = fc
  .tuple(fc.constantFrom(...realFiles), fc.array(mutationArb, { maxLength: 6 }), fc.boolean())
  .map(([content, mutations, backticks]) => {
    const text = mutate(content, mutations).toString('utf8');
    return backticks ? `# escape=\`\n${text.replace(/\\/g, '`')}` : text;
  });

describe('parseDockerfile agrees with dockerfile-ast on any text', () => {
  it('Dockerfile-like lines', () => {
    fc.assert(fc.property(dockerfileLike, expectSameAsReference), { numRuns: RUNS });
  });

  it('the same with every \\r removed, as the scan reads files', () => {
    fc.assert(fc.property(dockerfileLike, (text) => expectSameAsReference(text.replace(/\r/g, ''))), { numRuns: RUNS });
  });

  it('a soup of the characters that matter', () => {
    fc.assert(fc.property(characterSoup, expectSameAsReference), { numRuns: RUNS });
  });

  it('mutated real Dockerfiles', () => {
    fc.assert(fc.property(mutatedFile, expectSameAsReference), { numRuns: RUNS / 3 });
  });

  it('random and binary strings', () => {
    const anything = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }));
    fc.assert(fc.property(anything, expectSameAsReference), { numRuns: RUNS / 3 });
  });
});
