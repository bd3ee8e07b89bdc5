import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile.js';
import { lexDockerfile } from './dockerfile/lexer.js';
import { initialArgsReference, parseDockerfileReference } from './dockerfile/reference.js';

/**
 * The hand-written lexer must give parseDockerfile exactly what dockerfile-ast gave it: the same
 * DockerfileInfo (key order included) and the same ARG defaults, on realistic fixtures, on every
 * Dockerfile among the detectors' fixtures, on variants of them (line ends, byte order mark,
 * the escape character, cut short, a line left out) and on one-line corners.
 */

const FIXTURES = join(import.meta.dirname, 'dockerfile', 'fixtures');
const DETECTORS = join(import.meta.dirname, '..', 'detectors');
const DOCKERFILE = /^(dockerfile|containerfile)$|\.dockerfile$|^dockerfile\./i;

const own = readdirSync(FIXTURES).map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));
const detectors = readdirSync(DETECTORS, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && DOCKERFILE.test(entry.name) && entry.parentPath.includes('fixtures'))
  .map((entry) => ({ name: relative(DETECTORS, join(entry.parentPath, entry.name)), text: readFileSync(join(entry.parentPath, entry.name), 'utf8') }));

function expectSame(text: string): void {
  const expected = parseDockerfileReference(text);
  const actual = parseDockerfile(text);
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  expect([...lexDockerfile(text).initialArgs]).toEqual([...initialArgsReference(text)]);
}

/** The same file with its escape character turned into a backtick, as a Windows Dockerfile has it. */
function withBackticks(text: string): string {
  return `# escape=\`\n${text.replace(/\\/g, '`')}`;
}

describe('parseDockerfile reads what dockerfile-ast read', () => {
  it('has fixtures to compare', () => {
    expect(own.length).toBeGreaterThanOrEqual(10);
    expect(detectors.length).toBeGreaterThan(5);
  });

  it.each(own)('fixture $name', ({ text }) => expectSame(text));

  it.each(own)('fixture $name with CRLF, a lone CR, a byte order mark, tabs, no final newline, backticks', ({ text }) => {
    expectSame(text.replace(/\n/g, '\r\n'));
    expectSame(text.replace(/\n/g, '\r'));
    expectSame(`\ufeff${text}`);
    expectSame(text.replace(/^ {2,4}/gm, '\t'));
    expectSame(text.trimEnd());
    expectSame(withBackticks(text));
    expectSame(withBackticks(text).replace(/\n/g, '\r\n'));
  });

  it.each(own)('fixture $name cut short at every line and inside every line, and with each line left out', ({ text }) => {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const before = lines.slice(0, i).join('\n');
      expectSame(before);
      expectSame(`${before}\n${lines[i]!.slice(0, Math.ceil(lines[i]!.length / 2))}`);
      expectSame([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
    }
  });

  it.each(detectors)('detector fixture $name', ({ text }) => {
    expectSame(text);
    expectSame(text.replace(/\n/g, '\r\n'));
    expectSame(withBackticks(text));
  });

  const corners: [string, string][] = [
    ['comments and blank lines only', '# a\n\n  # b\n\t\n'],
    ['directives: escape, syntax, unknown, repeated, after a blank line', '# syntax=docker/dockerfile:1\n#escape=`\n# escape=\\\nRUN a `\n b\n'],
    ['a directive without a name, or with spaces in it', '# =`\nRUN a `\n b\n# esc ape=`\nRUN c \\\n d\n'],
    ['a directive followed by blanks stops the directives', '# syntax=x  \n# escape=`\nRUN a `\n b\n'],
    ['a directive at the end of the file, without a newline', '# escape=`'],
    ['an invalid escape value', '# escape=x\nRUN a \\\n b\n'],
    ['escape then blanks before the newline', 'RUN a \\ \t \n  b \\\t\n  c\n'],
    ['an escaped blank before more text', 'RUN a\\ b c\\  d\nENV X=a\\ b\n'],
    ['escapes before $ and other characters', 'RUN echo \\$HOME \\a \\\\ end\\\nCOPY \\--x a b\n'],
    ['continuation lines of one character, at column 0', 'RUN a \\\nb \\\nc\nRUN a\\\nb\nRUN \\\nx\n'],
    ['comment lines inside continuations, indented or not, with escapes', 'RUN a \\\n# c \\\n  # d\n\n   b\nRUN x \\\n#\ny\n'],
    ['a keyword continued, with a comment and blank lines in it', 'RU\\\nN a\nR\\\n\n# c\nUN b\nRUN\\\n  \n  x\n'],
    ['keywords with escapes and no arguments', 'R\\UN\nRUN\\\nFROM\\ x\nONBUILD\n'],
    ['heredoc names: quoted, <<-, empty, <<< and not closed', "RUN <<'A' <<\"B\" <<-C <<D\nA\nB\n\tC\nD\nRUN <<'' x\n\nRUN <<<x\nRUN <<\"E\nE\n"],
    ['heredocs behind ONBUILD and after flags', 'ONBUILD RUN <<X\nx\nX\nONBUILD ADD --chown=1 <<Y /y\ny\nY\nRUN --mount=x <<Z\nz\nZ\n'],
    ['a heredoc delimiter with CR before LF', 'RUN <<EOF\r\nx\r\nEOF\r\nUSER u\r\n'],
    ['flags: -- inside words, only flags, HEALTHCHECK subcommands', 'RUN a--b --x c\nRUN -a--b c\nRUN --a --b\nCOPY --from=x\nHEALTHCHECK --i=1 --r=2\nHEALTHCHECK x --y CMD z\nHEALTHCHECK -x CMD y\nHEALTHCHECK cmd a\n'],
    ['flags and heredoc names read through escapes', 'RUN -\\\r-x y\nRUN <<\\$E\n$E\n\\$E\nUSER u\nRUN <<E\\\nOF\nEOF\n'],
    ['FROM forms', 'FROM --platform=linux/amd64 a:1 AS b\nFROM b as c\nFROM\nFROM --platform=x\nFROM a AS\nFROM ${X:-y}@sha256:abc\n'],
    ['ARG forms', 'ARG A\nARG B=\nARG C=1 D=2\nARG "E"=3\nARG \'F=4\'\nARG G="5 6"\nARG H=7\\ 8\nARG I=${J:-9}\nARG =\nARG K="x\nARG L=\\\n  10\nARG \\\n M=11\nFROM $A$B$C$E$G$H$I$K$L$M\n'],
    ['ARG values with comments, escapes and quotes inside', 'ARG A="a\\"b"\nARG B=\'c\\\'d\'\nARG C=e\\\n# c\n  f\nARG D="g \\\n h"\nARG E=\\\\x\nFROM $A:$B:$C:$D:$E\n'],
    ['JSON forms', 'CMD ["a", "b"]\nENTRYPOINT [ "c" ,"d" ]\nSHELL []\nVOLUME [\nRUN ["e\\\n", "f"]\n'],
    ['lines of garbage and control characters', '\u0000\u0001 \u0002\n\ufffd\ud800 x\n\u2028RUN a\u2029b\n\u00a0RUN c\n'],
    ['lone CRs and CRLFs mixed', 'RUN a \\\r b\rRUN c \\\r\n d\r\nFROM e\r'],
    ['an escape at the very end', 'RUN a \\'],
    ['unicode keywords that upper-case to ASCII', 'ſtopsignal 9\nonbuıld RUN <<X\nx\nX\nfrom x\n'],
  ];
  it.each(corners)('corner: %s', (_name, text) => {
    expectSame(text);
    expectSame(text.replace(/\n/g, '\r\n'));
    expectSame(withBackticks(text));
  });
});
