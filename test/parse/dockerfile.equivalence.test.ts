import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate, mutationArb } from '../property/mutations.js';
import { parseDockerfile } from '../../src/parse/dockerfile.js';
import { parseDockerfileReference } from './dockerfile-reference.js';

/**
 * What detectors read of a Dockerfile is its build stages (FROM, the base image with ARG defaults
 * substituted, `AS name`, the line). The small reader must give the stages dockerfile-ast gives on
 * real Dockerfiles (ours and every detector fixture) and on the variants files come in, and must
 * never throw on anything. Where it reads differently it is on purpose, and listed here.
 */

const FIXTURES = join(import.meta.dirname, '../../src/parse/dockerfile/fixtures');
const DETECTORS = join(import.meta.dirname, '../../src/detectors');
const DOCKERFILE = /^(dockerfile|containerfile)$|\.dockerfile$|^dockerfile\./i;

const own = readdirSync(FIXTURES).map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));
const detectors = readdirSync(DETECTORS, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && DOCKERFILE.test(entry.name) && entry.parentPath.includes('fixtures'))
  .map((entry) => ({ name: relative(DETECTORS, join(entry.parentPath, entry.name)), text: readFileSync(join(entry.parentPath, entry.name), 'utf8') }));

/** Deliberate difference: `ARG A=1 B=2` declares both for BuildKit (dockerfile-ast declares neither). */
const MULTI_ARG_STAGES = new Set(['two-on-one-line']);

function stages(text: string, reader: (t: string) => ReturnType<typeof parseDockerfile>) {
  return reader(text)
    .stages.filter((s) => !MULTI_ARG_STAGES.has(s.name ?? ''))
    .map(({ written, image, name, line, internal }) => ({ written, image, name, line, internal }));
}

function expectSameStages(text: string): void {
  expect(stages(text, parseDockerfile)).toEqual(stages(text, parseDockerfileReference));
}

describe('the Dockerfile reader gives the stages dockerfile-ast gives', () => {
  it('has fixtures to compare', () => {
    expect(own.length).toBeGreaterThanOrEqual(10);
    expect(detectors.length).toBeGreaterThan(5);
  });

  it.each([...own, ...detectors])('$name', ({ text }) => expectSameStages(text));

  it.each(own)('$name with CRLF, a byte order mark, tabs, no final newline, backticks', ({ text }) => {
    expectSameStages(text.replace(/\n/g, '\r\n'));
    expectSameStages(`\ufeff${text}`);
    expectSameStages(text.replace(/^ {2,4}/gm, '\t'));
    expectSameStages(text.trimEnd());
    expectSameStages(`# escape=\`\n${text.replace(/\\/g, '`')}`);
  });

  it('resolves ARG A=1 B=2 as BuildKit does (the deliberate difference)', () => {
    const text = 'ARG REGISTRY=ghcr.io TAG=1.2\nFROM ${REGISTRY}/acme/base:${TAG}\n';
    expect(parseDockerfile(text).stages[0]!.image).toBe('ghcr.io/acme/base:1.2');
    expect(parseDockerfileReference(text).stages[0]!.image).toBe('/acme/base:');
  });
});

describe('the Dockerfile reader on hostile text', () => {
  const realFiles = [...own, ...detectors].map((f) => Buffer.from(f.text));
  it('never throws on mutated real Dockerfiles or random strings, and lines stay in the file', () => {
    const mutated = fc.tuple(fc.constantFrom(...realFiles), fc.array(mutationArb, { maxLength: 6 })).map(([content, mutations]) => mutate(content, mutations).toString('utf8'));
    const anything = fc.oneof(mutated, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));
    fc.assert(
      fc.property(anything, (text) => {
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const stage of parseDockerfile(text).stages) {
          expect(stage.line).toBeGreaterThanOrEqual(1);
          expect(stage.line).toBeLessThanOrEqual(lineCount);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
