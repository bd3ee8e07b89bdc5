import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// jaeger is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'jaeger')!;

const fixtures = join(import.meta.dirname, 'fixtures');

describe('jaeger detector', () => {
  it('finds all-in-one in compose, a Jaeger resource and a direct jaeger-client-go requirement', async () => {
    const result = await detectIn(detector, join(fixtures, 'compose-tracing'));
    expect(places(result).sort()).toEqual(['docker-compose.yml:4', 'k8s/jaeger.yaml:1', 'services/legacy/go.mod:7']);
  });

  it('recognises a Jaeger v2 configuration', async () => {
    const result = await detectIn(detector, join(import.meta.dirname, '..', 'opentelemetry', 'fixtures', 'no-otel'));
    expect(places(result)).toEqual(['jaeger-v2.yaml:15']);
  });

  it('does not count the Jaeger propagator or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'propagator-only'));
    expect(result.evidence).toEqual([]);
  });

  it('does not count an indirect jaeger-client-go or an example stack', async () => {
    const result = await detectIn(detector, join(import.meta.dirname, '..', 'prometheus', 'fixtures', 'library-repo'));
    expect(result.evidence).toEqual([]);
  });
});
