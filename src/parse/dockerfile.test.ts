import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile.js';

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
});
