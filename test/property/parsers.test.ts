import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/sources/repository/read-file.js';
import { parseDockerfile } from '../../src/parse/dockerfile.js';
import { parseHcl } from '../../src/parse/hcl.js';
import { blankTemplateActions } from '../../src/parse/helm-template.js';
import { parseJson } from '../../src/parse/json.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { mutatedFixtureArb } from './mutations.js';

/**
 * Every parser, fed random text and mutated real files, returns a result or an error value: it
 * never throws, and it keeps its promises (line numbers inside the file, template blanking keeps
 * lines). numRuns is chosen so the whole property suite stays around 20 seconds.
 */

const LIMITS = { maxDocuments: 200, maxNodes: 20_000 };
const RUNS = 300;

/** Random text that looks a little like config files, plus the mutated fixtures themselves. */
const yamlish = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom('a:', ' b', '- ', '&x', '*x', '{{', '}}', '[', ']', '{', '}', '\n', '\t', '---', '"', "'", ': ', '!Sub', '<<:', '|', '>', '#', '?'), { maxLength: 80 }).map((parts) => parts.join('')),
);
const fixtureText = mutatedFixtureArb().map(({ bytes }) => bytes.toString('utf8'));
const anyText = fc.oneof(yamlish, fixtureText);

function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

describe('parsers never throw on hostile text', () => {
  it('parseYaml returns documents and errors with lines inside the file', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseYaml(text, LIMITS);
        const lines = lineCount(text);
        for (const document of result.documents) {
          expect(document.line).toBeGreaterThanOrEqual(1);
          expect(document.line).toBeLessThanOrEqual(lines + 1);
        }
        for (const error of result.errors) expect(error).toMatch(/line \d+: /);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('parseJson returns a value or an error', () => {
    const jsonish = fc.oneof(anyText, fc.json({ maxDepth: 6 }), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 3))));
    fc.assert(
      fc.property(jsonish, (text) => {
        const result = parseJson(text, LIMITS.maxNodes);
        expect('value' in result || typeof (result as { error: string }).error === 'string').toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseHcl recovers blocks or reports errors', () => {
    const hclish = fc.oneof(anyText, mutatedFixtureArb((f) => /\.(tf|hcl|pkr\.hcl)$/.test(f.path)).map(({ bytes }) => bytes.toString('utf8')));
    fc.assert(
      fc.property(hclish, (text) => {
        const file = parseHcl(text);
        expect(Array.isArray(file.blocks)).toBe(true);
        for (const block of file.blocks) expect(block.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseDockerfile reads stages from any text', () => {
    const dockerish = fc.oneof(anyText, mutatedFixtureArb((f) => /Dockerfile|Containerfile/i.test(f.path)).map(({ bytes }) => bytes.toString('utf8')));
    fc.assert(
      fc.property(dockerish, (raw) => {
        // Files reach the parser through decode(), which turns \r\n and a lone \r into \n;
        // dockerfile-ast counts a lone \r as a line break, so raw \r would shift lines.
        const text = raw.replace(/\r\n?/g, '\n');
        expect(() => parseDockerfile(raw)).not.toThrow();
        const info = parseDockerfile(text);
        for (const stage of info.stages) expect(stage.line).toBeLessThanOrEqual(lineCount(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('blankTemplateActions keeps the number of lines', () => {
    const templated = fc.oneof(anyText, mutatedFixtureArb((f) => f.path.includes('templates/')).map(({ bytes }) => bytes.toString('utf8')));
    fc.assert(
      fc.property(templated, (text) => {
        expect(lineCount(blankTemplateActions(text))).toBe(lineCount(text));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('decode turns any bytes into text or a warning', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      mutatedFixtureArb().map(({ bytes: b }) => new Uint8Array(b)),
      fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.from([0xff, 0xfe, ...b])),
      fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.from([0xfe, 0xff, ...b])),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        const result = decode(input);
        if (result.text === undefined) expect(result.warning).toBeTypeOf('string');
        else expect(result.text.includes('\r')).toBe(false);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
