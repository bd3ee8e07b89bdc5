import { describe, expect, it } from 'vitest';
import type { Detection } from '../core/types.js';
import { assess, type RepositoryInput } from '../model/assess.js';
import { loadModel } from '../model/load.js';
import { jsonReport } from './json.js';

/** Service repositories as a scan finds them: a Deployment in each, and a plaintext Secret in every one. */
function services(count: number): RepositoryInput[] {
  return Array.from({ length: count }, (_, i): RepositoryInput => {
    const path = `repos/svc-${String(i).padStart(3, '0')}`;
    const detections: Detection[] = [
      { id: 'k8s-manifests', evidence: [{ file: 'k8s/deployment.yaml', line: 1, detail: `Deployment svc-${i}` }] },
      { id: 'static-secrets', evidence: [{ file: 'k8s/secret.yaml', line: 7, detail: 'Secret db key password' }] },
      { id: 'eol-base-images', evidence: [{ file: 'Dockerfile', line: 1, detail: 'FROM node:16-alpine — node 16 reached end of life on 2023-09-11' }] },
    ];
    return { path, kind: 'service', kindReason: 'deploys to Kubernetes: k8s/deployment.yaml', detections, warnings: [] };
  });
}

describe('the JSON report', () => {
  it('lists what blocks a capability as it lists its evidence: trimmed, with the count, in each repository and at the top', async () => {
    const model = await loadModel();
    const assessment = assess({ model, organization: 'acme', toolVersion: '0.0.0', now: new Date('2026-12-07T00:00:00Z'), repositories: services(150), clusters: [], sources: new Set(['repository']) });
    const blocked = assessment.capabilities.find((c) => c.blockedBy?.some((b) => b.id === 'static-secrets'))!;
    expect(blocked.blockedBy!.find((b) => b.id === 'static-secrets')!.evidence).toHaveLength(150);

    const report = jsonReport(assessment);
    const top = report.capabilities.find((c) => c.id === blocked.id)!.blockedBy!.find((b) => b.id === 'static-secrets')!;
    expect(top.evidence).toHaveLength(100);
    expect(top).toMatchObject({ evidenceCount: 150 });
    expect(top.evidence[0]).toEqual({ file: 'k8s/secret.yaml', line: 7, detail: 'Secret db key password', repository: 'repos/svc-000' });

    // Every repository repeats the organization's capability: not its 150 Secrets each time.
    for (const repository of report.repositories) {
      const nested = repository.capabilities.find((c) => c.id === blocked.id)!.blockedBy!.find((b) => b.id === 'static-secrets')!;
      expect(nested.evidence.length).toBeLessThanOrEqual(10);
      expect(nested).toMatchObject({ evidenceCount: 150 });
    }

    // A service capability blocked in every service repository: one entry per repository in the
    // assessment, one per signal in the report, at the top and in each team.
    const service = assessment.capabilities.find((c) => c.blockedBy?.some((b) => b.id === 'eol-base-images'))!;
    expect(service.scope).toBe('service');
    expect(service.blockedBy).toHaveLength(150);
    const atTop = report.capabilities.find((c) => c.id === service.id)!.blockedBy!;
    expect(atTop).toEqual([expect.objectContaining({ id: 'eol-base-images', evidenceCount: 150 })]);
    expect(atTop[0]!.evidence).toHaveLength(100);
    expect(new Set(atTop[0]!.evidence.map((e) => ('repository' in e ? e.repository : undefined))).size).toBe(100);
    const inTeam = report.teams[0]!.capabilities.find((c) => c.id === service.id)!.blockedBy!;
    expect(inTeam).toEqual([expect.objectContaining({ id: 'eol-base-images', evidenceCount: 150 })]);
    expect(inTeam[0]!.evidence).toHaveLength(10);

    // A short list is left whole, without a count.
    const few = jsonReport(assess({ model, organization: 'acme', toolVersion: '0.0.0', now: new Date('2026-12-07T00:00:00Z'), repositories: services(3), clusters: [], sources: new Set(['repository']) }));
    const whole = few.capabilities.find((c) => c.id === blocked.id)!.blockedBy!.find((b) => b.id === 'static-secrets')!;
    expect(whole.evidence).toHaveLength(3);
    expect(whole).not.toHaveProperty('evidenceCount');
  });
});
