import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * An invariant of every report: a detection carries at least one piece of evidence. What was looked
 * for and not found ("0 of 3 containers have probes") is the capability's coverage, with the places
 * that lack it, never a detection with nothing to show.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');

interface Report {
  repositories: { path: string; detections: { id: string; evidence: unknown[] }[]; capabilities: { id: string; coverage?: { covered: number; total: number; missing: unknown[] } }[] }[];
  clusters: { name: string; detections: { id: string; evidence: unknown[] }[] }[];
}

function scan(args: string[]): Report {
  const result = spawnSync('node', [CLI, 'scan', ...args, '--format', 'json', '--quiet', '--no-cache', '--no-history'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

function withoutEvidence(report: Report): string[] {
  return [...report.repositories.map((r) => ({ where: r.path, detections: r.detections })), ...report.clusters.map((c) => ({ where: `cluster ${c.name}`, detections: c.detections }))].flatMap(({ where, detections }) =>
    detections.filter((d) => d.evidence.length === 0).map((d) => `${where}: ${d.id}`),
  );
}

describe('every detection carries evidence', () => {
  it('in the bundled example', () => {
    expect(withoutEvidence(scan(['--config', join(ROOT, 'examples', 'acme', '.k8s-maturity.yaml')]))).toEqual([]);
  });

  it('in every detector fixture, and containers without probes are in the health-checks coverage instead', { timeout: 300_000 }, () => {
    const detectors = join(ROOT, 'src', 'detectors');
    const fixtures = readdirSync(detectors, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => {
        try {
          return readdirSync(join(detectors, d.name, 'fixtures'), { withFileTypes: true }).filter((f) => f.isDirectory()).map((f) => join('src', 'detectors', d.name, 'fixtures', f.name));
        } catch {
          return [];
        }
      });
    expect(fixtures.length).toBeGreaterThan(100);
    const report = scan(fixtures);
    expect(withoutEvidence(report)).toEqual([]);
    // A fixture whose one container has no probe: reported as the capability's gap, with its place.
    const unprobed = report.repositories.find((r) => r.path.endsWith(join('image-pipeline', 'fixtures', 'service-repo')))!;
    expect(unprobed.detections.map((d) => d.id)).not.toContain('probes');
    expect(unprobed.capabilities.find((c) => c.id === 'health-checks')?.coverage).toMatchObject({ covered: 0, total: 1, missing: [expect.objectContaining({ file: 'k8s/deployment.yaml', line: 16 })] });
  });
});
