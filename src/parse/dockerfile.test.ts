import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile, type DockerInstruction } from './dockerfile.js';

/**
 * What parseDockerfile reads, construct by construct: the build stages detectors judge, and the
 * instructions with their lines. test/parse/dockerfile.equivalence.test.ts checks the stages
 * against dockerfile-ast itself on every fixture.
 */

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'dockerfile', 'fixtures', name), 'utf8');
const compact = (instructions: DockerInstruction[]): string[] => instructions.map((i) => `${i.line} ${i.keyword} ${i.args}`);
const stagesOf = (text: string) => parseDockerfile(text).stages.map((s) => ({ written: s.written, image: s.image, name: s.name, line: s.line, internal: s.internal }));

describe('parseDockerfile', () => {
  it('resolves nested ARG defaults in FROM and marks stage references as internal', () => {
    const info = parseDockerfile(
      [
        'ARG GO_VERSION=1.22',
        'ARG BUILDER=golang:${GO_VERSION}-alpine',
        'ARG RUNTIME_TAG',
        'FROM --platform=$BUILDPLATFORM ${BUILDER} AS build',
        'WORKDIR /src',
        'RUN go build -o /out/app ./cmd/app',
        '',
        'FROM alpine:${RUNTIME_TAG:-3.19} AS runtime',
        'COPY --from=build /out/app /app',
        'FROM runtime',
        'ENTRYPOINT ["/app"]',
      ].join('\n'),
    );
    expect(info.stages.map((s) => [s.image, s.line, s.internal])).toEqual([
      ['golang:1.22-alpine', 4, false],
      ['alpine:3.19', 8, false],
      ['runtime', 10, true],
    ]);
    expect(info.stages[0]!.name).toBe('build');
    expect(info.instructions.find((i) => i.keyword === 'ENTRYPOINT')!.line).toBe(11);
  });

  describe('multi-stage builds', () => {
    it('Go on distroless: ARG-built bases, flags dropped from FROM, COPY and RUN, build stages internal', () => {
      const text = fixture('go-distroless.Dockerfile');
      expect(stagesOf(text)).toEqual([
        { written: '${BUILDER_IMAGE}', image: 'golang:1.22.5-alpine3.20', name: 'build', line: 9, internal: false },
        { written: 'build', image: 'build', name: 'test', line: 26, internal: true },
        { written: '${RUNTIME_IMAGE}', image: 'gcr.io/distroless/static-debian12:nonroot', name: undefined, line: 29, internal: false },
      ]);
      const { instructions } = parseDockerfile(text);
      expect(instructions[0]).toEqual({ keyword: 'ARG', args: 'GO_VERSION=1.22.5', line: 4 });
      expect(instructions.at(-1)).toEqual({ keyword: 'CMD', args: '["--listen", ":8080"]', line: 37 });
    });

    it('Node: lower-case keywords are upper-cased, `as` names a stage, HEALTHCHECK keeps its flags as written', () => {
      const text = fixture('node.Dockerfile');
      expect(stagesOf(text).map((s) => [s.image, s.name, s.internal])).toEqual([
        ['node:20.15.1-bookworm-slim', 'deps', false],
        ['node:20.15.1-bookworm-slim', 'build', false],
        ['node:20.15.1-alpine', 'runtime', false],
      ]);
      const { instructions } = parseDockerfile(text);
      expect(instructions.filter((i) => i.line >= 20).map((i) => i.keyword)).toEqual(['FROM', 'WORKDIR', 'ENV', 'COPY', 'COPY', 'USER', 'HEALTHCHECK', 'EXPOSE', 'STOPSIGNAL', 'CMD']);
      expect(instructions.find((i) => i.keyword === 'HEALTHCHECK')).toEqual({ keyword: 'HEALTHCHECK', args: '--interval=30s --timeout=3s --start-period=10s   CMD node dist/healthcheck.js || exit 1', line: 26 });
      expect(instructions.find((i) => i.line === 6)!.args).toBe('NODE_ENV=production     NPM_CONFIG_LOGLEVEL=warn');
    });

    it('Python: a comment line inside a continued RUN is left out, $PYTHON and ${PYTHON} both resolve', () => {
      const text = fixture('python.Dockerfile');
      expect(stagesOf(text).map((s) => [s.written, s.image, s.name ?? null])).toEqual([
        ['$PYTHON', 'python:3.12-slim', 'builder'],
        ['${PYTHON}', 'python:3.12-slim', null],
      ]);
      const run = parseDockerfile(text).instructions.find((i) => i.line === 6)!;
      expect(run.args).toBe(
        'apt-get update     && apt-get install -y --no-install-recommends         build-essential         libpq-dev         gcc     && rm -rf /var/lib/apt/lists/*',
      );
      expect(run.args).not.toContain('psycopg');
    });

    it('Java: a RUN over eight lines, JSON-form ENTRYPOINT kept as written', () => {
      const { instructions, stages } = parseDockerfile(fixture('java.Dockerfile'));
      expect(stages.map((s) => [s.image, s.name])).toEqual([
        ['maven:3.9-eclipse-temurin-21', 'build'],
        ['eclipse-temurin:21-jre-jammy', 'runtime'],
      ]);
      expect(instructions.find((i) => i.line === 14)!.args).toBe(
        'adduser     --disabled-password     --gecos ""     --home "/nonexistent"     --shell "/sbin/nologin"     --no-create-home     --uid "${UID}"     appuser',
      );
      expect(instructions.at(-1)).toEqual({ keyword: 'ENTRYPOINT', args: '["java", "org.springframework.boot.loader.launch.JarLauncher"]', line: 31 });
    });
  });

  describe('ARG defaults behind FROM', () => {
    const stages = stagesOf(fixture('arg-bases.Dockerfile'));
    const byName = (name: string) => stages.find((s) => s.name === name)!;

    it('uses the last default, nested ones resolved, and ${VAR:-fallback} when the ARG has none', () => {
      expect(byName('base').image).toBe('registry.example.com/platform/base-v2:latest');
      expect(byName('debian').image).toBe('debian:12-slim');
      expect(byName('defaulted').image).toBe('busybox:1.36');
      expect(byName('empty')).toMatchObject({ image: 'scratch', internal: true });
    });

    it('drops the quotes around a value and resolves escapes: ARG X="a b" is a b', () => {
      expect(byName('quoted').image).toBe('ghcr.io/example/tool:2.1');
      expect(byName('single').image).toBe('quay.io/example/other:1.0');
      expect(stages.find((s) => s.written === '$SPACED')!.image).toBe('a b');
      expect(stages.find((s) => s.written === '${CONTINUED}')!.image).toBe('docker.io/library/alpine:3.19');
    });

    it('declares both of ARG A=1 B=2, as BuildKit does, and knows nothing of an unset ARG', () => {
      expect(byName('two-on-one-line').image).not.toBe('');
      expect(byName('unresolved').image).toBe('');
    });

    it('treats FROM <earlier stage> and scratch as internal, case-insensitively', () => {
      expect(byName('from-stage')).toMatchObject({ image: 'base', internal: true });
      expect(stages.find((s) => s.written === 'DEBIAN')!.internal).toBe(true);
      expect(stages.at(-1)).toMatchObject({ image: 'scratch', internal: true });
    });

    it('reads only the ARGs before the first FROM', () => {
      const text = 'ARG A=before\nFROM busybox\nARG A=after\nARG B=late\nFROM ${A}\nFROM ${B:-fallback}\n';
      expect(stagesOf(text).map((s) => s.image)).toEqual(['busybox', 'before', 'fallback']);
    });

    it('ARG NAME without a value, and ARG NAME= , leave the name known but empty', () => {
      expect(stagesOf('ARG TAG\nFROM alpine:${TAG:-3.20}\n')[0]!.image).toBe('alpine:3.20');
      expect(stagesOf('ARG TAG=\nFROM alpine:${TAG}\n')[0]!.image).toBe('alpine:');
    });
  });

  describe('heredocs', () => {
    const { instructions, stages } = parseDockerfile(fixture('heredocs.Dockerfile'));

    it('keeps the body in the arguments and reads nothing in it as an instruction', () => {
      expect(instructions[1]).toEqual({
        keyword: 'RUN',
        args: '<<EOF\nset -eux\napt-get update\napt-get install -y --no-install-recommends curl\n# not an instruction: inside the heredoc\nFROM looks-like-an-instruction\nrm -rf /var/lib/apt/lists/*\nEOF',
        line: 4,
      });
      expect(stages.map((s) => s.image)).toEqual(['debian:bookworm-slim']);
    });

    it('reads COPY <<EOF /file, <<-EOT with tabs, quoted names, several heredocs and flags', () => {
      expect(compact(instructions.slice(2, 8))).toEqual([
        '13 COPY <<EOF /etc/app/config.yaml\nlisten: 0.0.0.0:8080\nlog_level: info\nEOF',
        '18 RUN <<-EOT bash\n\techo "tabs are stripped with <<-"\n\tEOT',
        '21 COPY <<"EOF" /usr/local/bin/entrypoint.sh\n#!/bin/sh\nexec "$@"\nEOF',
        '25 RUN <<A cat > /a && <<B cat > /b\nfirst\nA\nsecond\nB',
        "30 RUN python3 <<'PY'\nprint(\"hi\")\nPY",
        '33 RUN --mount=type=cache,target=/var/cache/apt <<EOF\napt-get update\nEOF',
      ]);
    });

    it('runs an unclosed heredoc (the delimiter indented, or followed by a blank) to the end of the file', () => {
      expect(instructions.at(-1)!.line).toBe(36);
      expect(instructions.at(-1)!.args.endsWith('FROM base\nCMD ["/usr/local/bin/entrypoint.sh"]')).toBe(true);
    });

    it('only for RUN, COPY and ADD, also behind ONBUILD', () => {
      expect(compact(parseDockerfile('CMD <<EOF\nx\nEOF\n').instructions)).toEqual(['1 CMD <<EOF', '2 X ', '3 EOF ']);
      expect(compact(parseDockerfile('ADD <<EOF /a\nx\nEOF\nUSER u\n').instructions)).toEqual(['1 ADD <<EOF /a\nx\nEOF', '4 USER u']);
    });
  });

  it('applies `# escape=`` `: backticks continue lines, backslashes are plain characters', () => {
    const { instructions, stages } = parseDockerfile(fixture('windows.Dockerfile'));
    expect(stages.map((s) => s.name ?? s.image)).toEqual(['build', 'mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022']);
    expect(instructions.find((i) => i.line === 7)!.args).toBe(
      'Invoke-WebRequest -OutFile dotnet-install.ps1 https://dot.net/v1/dotnet-install.ps1;     .\\dotnet-install.ps1 -Channel $env:DOTNET_VERSION -InstallDir C:\\dotnet;     Remove-Item dotnet-install.ps1',
    );
    expect(instructions.find((i) => i.keyword === 'WORKDIR')!.args).toBe('C:\\src');
    // The directive must open the file: after any other line it is a comment.
    expect(compact(parseDockerfile('FROM a\n# escape=`\nRUN x `\n  y\n').instructions)).toEqual(['1 FROM a', '3 RUN x `', '4 Y ']);
    expect(compact(parseDockerfile('# syntax=docker/dockerfile:1\n# ESCAPE = ` \nRUN x `\n  y\n').instructions)).toEqual(['3 RUN x   y']);
  });

  it('ONBUILD keeps its trigger as arguments, flags included', () => {
    expect(compact(parseDockerfile(fixture('onbuild.Dockerfile')).instructions.filter((i) => i.keyword === 'ONBUILD'))).toEqual([
      '5 ONBUILD COPY Gemfile Gemfile.lock ./',
      "6 ONBUILD RUN bundle config set --local without 'development test'     && bundle install --jobs 4",
      '8 ONBUILD RUN --mount=type=secret,id=npmrc npm ci',
      '9 ONBUILD COPY . .',
      '10 ONBUILD RUN <<EOF\nbundle exec rake assets:precompile\nEOF',
      '13 ONBUILD ',
      '14 ONBUILD healthcheck NONE',
    ]);
  });

  describe('odd corners', () => {
    const instructions = parseDockerfile(fixture('quirks.Dockerfile')).instructions;
    const at = (line: number) => instructions.find((i) => i.line === line)!;

    it('leading blanks, lower case, no arguments', () => {
      expect(compact(instructions.slice(0, 4))).toEqual(['2 FROM alpine:3.20   as   Base', '3 RUN echo "leading tab, lower case"', '4 EXPOSE ', '5 USER ']);
    });

    it('continuations: blanks after the escape, blank lines, comment lines at column 0 all vanish', () => {
      expect([at(6).args, at(8).args, at(11).args]).toEqual(['a     b', 'a     b', 'a     b']);
    });





    it('# is a comment only at the start of a line', () => {
      expect(at(26).args).toBe('echo "a # not a comment" # nor this');
    });

    it('an escape inside a keyword stays in it; an escaped newline inside one joins it', () => {
      expect([at(27).keyword, at(28).keyword]).toEqual(['R\\UN', 'RUN']);
    });

    it('ENV, LABEL and WORKDIR keep quotes and escapes as written', () => {
      expect([at(30).args, at(31).args, at(39).args]).toEqual(['A=1 B="two words" C=three\\ words', '"com.example.vendor"="ACME" version=1.0 description="multi line"', '/a/b/c']);
    });

    it('JSON and shell forms, unknown instructions, a trailing escape at the end of the file', () => {
      expect(compact(instructions.filter((i) => i.line >= 33))).toEqual([
        '33 CMD ["sh", "-c", "echo $HOME"]',
        '34 CMD echo shell form',
        '35 ENTRYPOINT []',
        '36 VOLUME ["/data", "/logs"]',
        '37 VOLUME /cache /tmp',
        '38 SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        '39 WORKDIR /a/b/c',
        '41 MAINTAINER someone@example.com',
        '42 UNKNOWNINSTRUCTION with args',
        '43 RUN trailing escape at the end of the file',
      ]);
    });
  });

  it('counts lines the same with \\n, \\r\\n and a lone \\r, and skips a byte order mark', () => {
    const text = 'FROM a AS one\nRUN x \\\n  y\n\nFROM b\n';
    const lines = (t: string) => parseDockerfile(t).instructions.map((i) => i.line);
    expect(lines(text)).toEqual([1, 2, 5]);
    expect(lines(text.replace(/\n/g, '\r\n'))).toEqual([1, 2, 5]);
    expect(lines(text.replace(/\n/g, '\r'))).toEqual([1, 2, 5]);
    expect(lines(`\ufeff${text}`)).toEqual([1, 2, 5]);
    expect(parseDockerfile(text.replace(/\n/g, '\r\n')).instructions[1]!.args).toBe('x   y');
  });

  it('reads garbage without throwing', () => {
    for (const text of ['', '\n\n', '\\', '`', '#', '# escape=`', '\u0000\u0001\ufffd\ud800', 'FROM', 'RUN <<', 'RUN <<-', "RUN <<''\n\n", 'ARG \\$X', '\\\n\\\n']) {
      expect(() => parseDockerfile(text)).not.toThrow();
    }
    expect(parseDockerfile('FROM').stages).toEqual([{ written: '', image: '', line: 1, internal: false }]);
  });

  it('gives up on ARG defaults that grow without end instead of running out of memory', () => {
    const info = parseDockerfile(`ARG A=${'$A'.repeat(10)}\nARG B=$A-$A\nFROM $A\nFROM \${B}\n`);
    expect(info.stages.map((s) => s.image)).toEqual(['', '']);
  });

  // No duration is asserted (speed belongs in bench/); the test timeout guards against the quadratic
  // readers of the past, which took minutes on these.
  it('reads a 10 MB line and pathological continuations', () => {
    const MB = 1 << 20;
    const cases = [
      `FROM alpine\nRUN ${'a'.repeat(10 * MB)}\n`,
      `FROM alpine\n${'RUN a \\\n'.repeat(MB / 8)}`,
      `RUN x \\\n${'y\\\n'.repeat(MB / 3)}`,
      `RUN <<EOF\n${'line\n'.repeat(MB / 5)}`,
      '# '.repeat(32 * 1024),
      `ARG A="${'x\\ '.repeat(20_000)}"\nFROM $A\n`,
      // Each of these took minutes with a search or a string rebuilt per instruction or per line.
      'COPY <a b\n'.repeat(400_000),
      `RUN ${'\\a'.repeat(1000)}\n`.repeat(1000),
      `ARG A=x\\\n${'  \n'.repeat(800_000)}y\nFROM $A\n`,
    ];
    for (const text of cases) {
      parseDockerfile(text);
    }
  }, 120_000);
});
