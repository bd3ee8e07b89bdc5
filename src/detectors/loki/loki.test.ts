import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// loki is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'loki')!;

const fixtures = join(import.meta.dirname, 'fixtures');
const platform = join(import.meta.dirname, '..', 'prometheus', 'fixtures', 'platform-gitops');

describe('loki detector', () => {
  it('finds loki-stack installed by Terraform and by Argo CD', async () => {
    const result = await detectIn(detector, platform);
    expect(places(result).sort()).toEqual(['argocd/apps/monitoring.yaml:39', 'terraform/monitoring/main.tf:27']);
  });

  it('finds a Loki config, a Promtail config in a ConfigMap and a LokiStack', async () => {
    const result = await detectIn(detector, join(fixtures, 'self-hosted'));
    expect(places(result).sort()).toEqual(['k8s/promtail.yaml:10', 'k8s/promtail.yaml:19', 'loki/loki-config.yaml:13']);
  });

  it('does not count Mimir configs, nested lookalike keys, winston-loki or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalike'));
    expect(result.evidence).toEqual([]);
  });
});
