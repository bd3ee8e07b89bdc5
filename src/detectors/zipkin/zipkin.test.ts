import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// Zipkin is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'zipkin')!;

const fixtures = join(import.meta.dirname, 'fixtures');

describe('zipkin detector', () => {
  it('finds zipkin-js packages and the zipkin-slim image', async () => {
    const result = await detectIn(detector, join(fixtures, 'node-zipkin'));
    expect(places(result).sort()).toEqual(['docker-compose.yaml:7', 'package.json:7', 'package.json:8', 'package.json:9']);
  });

  it('finds Zipkin next to Jaeger in compose and Brave reporters in a pom.xml', async () => {
    const compose = await detectIn(detector, join(import.meta.dirname, '..', 'jaeger', 'fixtures', 'compose-tracing'));
    expect(places(compose)).toEqual(['docker-compose.yml:11']);
    const services = await detectIn(detector, join(import.meta.dirname, '..', 'prometheus', 'fixtures', 'instrumented-services'));
    expect(places(services).sort()).toEqual(['services/billing/pom.xml:31', 'services/billing/pom.xml:35']);
  });

  it('does not count lookalike package names, a commented service or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-tracing'));
    expect(result.evidence).toEqual([]);
  });
});
