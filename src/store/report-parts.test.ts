import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportShape } from '../diff/report-shape.js';
import { joinReport, partHash, splitReport } from './report-parts.js';

/** A real assessment's JSON report (3 repositories, 1 cluster), and its text as the CLI writes it. */
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'test', 'report', 'fixtures', 'assessment.json'), 'utf8')) as ReportShape;
const bytesOf = (report: ReportShape) => Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
const rejoined = (split: ReturnType<typeof splitReport>) =>
  joinReport(
    split.skeleton.toString(),
    split.parts.map((p) => ({ source: p.source, text: p.text.toString() })),
  );

describe('a report cut into its skeleton and sections', () => {
  it('cuts the sections out of the indented bytes: each parses to its section, and they join to the report again', () => {
    const split = splitReport(fixture, bytesOf(fixture));
    expect(split.parts.map((p) => p.source)).toEqual([...fixture.repositories.map((r) => `repository:${r.path}`), ...fixture.clusters!.map((c) => `cluster:${c.name}`)]);
    for (const part of split.parts) {
      expect(Buffer.isBuffer(part.text)).toBe(true);
      expect(JSON.parse(part.text.toString())).toEqual(part.section);
      expect(part.hash).toBe(partHash(part.text));
    }
    const skeleton = JSON.parse(split.skeleton.toString());
    expect(skeleton.repositories).toEqual([]);
    expect(skeleton.clusters).toEqual([]);
    expect(rejoined(split)).toEqual(fixture);
  });

  it('cuts sections whose names and values hold newlines, braces and quotes, and leaves a nested "repositories" list alone', () => {
    const report = structuredClone(fixture);
    report.repositories[1]!.path = 'odd\n    },\n  ]\n    {"path": "x"}';
    report.teams = [{ name: 'payments', stage: 2, repositories: [] } as never, ...report.teams];
    report.clusters = [];
    const split = splitReport(report, bytesOf(report));
    expect(Buffer.isBuffer(split.parts[1]!.text)).toBe(true);
    expect(split.parts).toHaveLength(3);
    expect(rejoined(split)).toEqual(report);
  });

  it('finds a section by its name wherever the name field stands in it (a report written by another tool)', () => {
    const report = structuredClone(fixture);
    report.repositories = report.repositories.map(({ path, ...rest }) => ({ ...rest, path }) as never);
    const split = splitReport(report, bytesOf(report));
    expect(split.parts.every((p) => Buffer.isBuffer(p.text))).toBe(true);
    expect(rejoined(split)).toEqual(report);
  });

  it('stringifies the sections when the bytes are not this report (another report, or compact JSON)', () => {
    const other = structuredClone(fixture);
    other.repositories[2]!.path = 'somewhere-else';
    for (const bytes of [bytesOf(other), Buffer.from(JSON.stringify(fixture))]) {
      const split = splitReport(fixture, bytes);
      expect(split.parts.every((p) => typeof p.text === 'string')).toBe(true);
      expect(rejoined(split)).toEqual(fixture);
    }
  });

  it('stringifies when the bytes hold fewer or more sections than the report', () => {
    const fewer = structuredClone(fixture);
    fewer.repositories.pop();
    expect(splitReport(fixture, bytesOf(fewer)).parts.every((p) => typeof p.text === 'string')).toBe(true);
    expect(splitReport(fewer, bytesOf(fixture)).parts.every((p) => typeof p.text === 'string')).toBe(true);
  });

  it('gives a section the same hash in every assessment that holds it unchanged', () => {
    const next = structuredClone(fixture);
    next.generatedAt = '2030-01-01T00:00:00.000Z';
    next.repositories[0]!.stage = 5;
    const [a, b] = [splitReport(fixture, bytesOf(fixture)), splitReport(next, bytesOf(next))];
    expect(b.parts.map((p, i) => p.hash === a.parts[i]!.hash)).toEqual([false, true, true, true]);
  });
});
