import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../store/queries.js';
import { historyJson, historyJsonChunks } from './history-command.js';

const point = (day: number, repositories: HistoryPoint['repositories']): HistoryPoint => ({
  id: `202601${String(day).padStart(2, '0')}-060000-00000${day}`,
  at: `2026-01-${String(day).padStart(2, '0')}T06:00:00.000Z`,
  kind: 'scan',
  organization: 'acme',
  stage: 2,
  teams: [{ name: 'payments', stage: 3 }],
  repositories,
});

/** What history wrote when it built the whole document and stringified it once. */
function wholeDocument(points: HistoryPoint[], subject?: { repository: string }): string {
  const assessments = points.map((p) => ({ ...p, repositories: p.repositories.map((r) => ({ path: r.path, stage: r.stage, ...(r.team !== null ? { team: r.team } : {}) })) }));
  return `${JSON.stringify({ schemaVersion: 1, ...(subject ? { subject } : {}), assessments }, null, 2)}\n`;
}

describe('history --format json written a point at a time', () => {
  const points = [
    point(1, [
      { path: 'payments-api', stage: 4, team: 'payments' },
      { path: 'lib "quoted"\n{},[]', stage: 1, team: null },
    ]),
    point(2, []),
    point(3, [{ path: 'payments-api', stage: 3, team: 'payments' }]),
  ];

  it('is the very text of the whole document stringified at once, with and without a subject', () => {
    expect([...historyJsonChunks(points)].join('')).toBe(wholeDocument(points));
    expect(historyJson(points, { repository: 'payments-api' })).toBe(wholeDocument(points, { repository: 'payments-api' }));
  });

  it('writes one piece per assessment, then the close', () => {
    const chunks = [...historyJsonChunks(points)];
    expect(chunks).toHaveLength(4);
    expect(JSON.parse(chunks.join('')).assessments[0].repositories[1]).toEqual({ path: 'lib "quoted"\n{},[]', stage: 1 });
  });

  it('writes an empty list when no assessment is kept', () => {
    expect(historyJson([])).toBe(wholeDocument([]));
    expect(JSON.parse(historyJson([], { repository: 'gone' }))).toEqual({ schemaVersion: 1, subject: { repository: 'gone' }, assessments: [] });
  });
});
