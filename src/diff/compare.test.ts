import { describe, expect, it } from 'vitest';
import { compareReports } from './compare.js';
import type { ReportShape } from './report-shape.js';

const ANTI = [
  { id: 'static-secrets', name: 'Plaintext Secrets in git' },
  { id: 'latest-tag-images', name: 'Images without a pinned tag' },
];

function report(overrides: { probes?: [number, number]; status?: 'met' | 'partial' | 'missing' | 'unknown'; latestLine?: number; stage?: number }): ReportShape {
  const [covered, total] = overrides.probes ?? [9, 9];
  const probes = { id: 'probes', stage: 3, name: 'Health probes', scope: 'service' as const, status: covered === total ? ('met' as const) : ('partial' as const), coverage: { covered, total, unit: 'containers', missing: [] } };
  const tracing = { id: 'tracing', stage: 4, name: 'Distributed tracing', scope: 'service' as const, status: overrides.status ?? 'met' };
  return {
    schemaVersion: 1,
    organization: 'acme',
    stage: overrides.stage ?? 4,
    repositories: [
      {
        path: 'services/payments-api',
        kind: 'service',
        stage: overrides.stage ?? 4,
        detections: overrides.latestLine ? [{ id: 'latest-tag-images', evidence: [{ file: 'k8s/deploy.yaml', line: overrides.latestLine, detail: 'image redis:latest' }] }] : [],
        capabilities: [probes, tracing],
      },
    ],
    capabilities: [],
    teams: [{ name: 'payments', stage: overrides.stage ?? 4, repositories: ['services/payments-api'] }],
  };
}

const ends = { from: { id: 'a' }, to: { id: 'b' } };

describe('compareReports', () => {
  it('reports a coverage that fell as a regression, with the numbers', () => {
    const diff = compareReports(report({}), report({ probes: [7, 9] }), ends, ANTI);
    expect(diff.regressions).toContainEqual(expect.objectContaining({ kind: 'capability', scope: 'repository:services/payments-api', message: 'payments-api: Health probes went from met to partial' }));
    const fell = compareReports(report({ probes: [8, 9] }), report({ probes: [7, 9] }), ends, ANTI);
    expect(fell.regressions).toEqual([expect.objectContaining({ kind: 'coverage', message: 'payments-api: Health probes on 7 of 9 containers where it was 8 of 9 containers' })]);
  });

  it('does not call a move to unknown a regression, nor an improvement', () => {
    expect(compareReports(report({}), report({ status: 'unknown' }), ends, ANTI).regressions).toEqual([]);
    expect(compareReports(report({ status: 'missing', stage: 3 }), report({}), ends, ANTI).regressions).toEqual([]);
  });

  it('finds a newly appeared :latest image, but not the same one on a moved line', () => {
    const appeared = compareReports(report({}), report({ latestLine: 12 }), ends, ANTI);
    expect(appeared.regressions).toEqual([expect.objectContaining({ kind: 'anti-pattern', sentence: 'This change introduces a `:latest` image in payments-api (k8s/deploy.yaml:12).' })]);
    expect(appeared.signals).toEqual([expect.objectContaining({ id: 'latest-tag-images', change: 'appeared' })]);
    expect(compareReports(report({ latestLine: 12 }), report({ latestLine: 14 }), ends, ANTI).regressions).toEqual([]);
  });

  it('gives a platform repository whose stage went down the organization capabilities that took it down', () => {
    // A platform repository's service capabilities are the organization's coverage: when a
    // service loses its probes, the platform repository falls too, and must say why.
    const withPlatform = (probes: [number, number], stage: number): ReportShape => {
      const base = report({ probes, stage });
      const orgProbes = { ...base.repositories[0]!.capabilities![0]! };
      return {
        ...base,
        capabilities: [orgProbes],
        repositories: [...base.repositories, { path: 'platform/infra', kind: 'platform', stage, detections: [], capabilities: [orgProbes] }],
      };
    };
    const diff = compareReports(withPlatform([9, 9], 4), withPlatform([7, 9], 3), ends, ANTI);
    const stage = diff.regressions.find((r) => r.kind === 'stage' && r.scope === 'repository:platform/infra');
    expect(stage?.evidence).toEqual([{ capability: 'probes', scope: 'organization', status: { from: 'met', to: 'partial' } }]);
  });

  it('says a stage went down with the capabilities that took it down', () => {
    const diff = compareReports(report({}), report({ status: 'missing', stage: 3 }), ends, ANTI);
    expect(diff.stage).toEqual({ from: 4, to: 3 });
    expect(diff.repositories).toEqual([{ path: 'services/payments-api', stage: { from: 4, to: 3 } }]);
    const stage = diff.regressions.find((r) => r.kind === 'stage' && r.scope === 'repository:services/payments-api');
    expect(stage?.evidence).toEqual([{ capability: 'tracing', scope: 'repository:services/payments-api', status: { from: 'met', to: 'missing' } }]);
  });
});
