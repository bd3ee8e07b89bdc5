import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const prometheusFixtures = join(import.meta.dirname, '..', 'prometheus', 'fixtures');

describe('opentelemetry detector', () => {
  it('finds SDK dependencies of Go, Node and Java services, the inject annotation and OTLP env', async () => {
    const result = await detectIn(detector, join(prometheusFixtures, 'instrumented-services'));
    expect(places(result).sort()).toEqual(
      [
        'deploy/orders.yaml:18',
        'deploy/orders.yaml:27',
        'services/billing/pom.xml:26',
        'services/orders/go.mod:10',
        'services/orders/go.mod:11',
        'services/orders/go.mod:12',
        'services/orders/go.mod:9',
        'services/web/package.json:11',
        'services/web/package.json:12',
        'services/web/package.json:13',
      ].sort(),
    );
  });

  it('finds a collector config, Operator resources and the operator release', async () => {
    const result = await detectIn(detector, join(fixtures, 'collector'));
    expect(places(result).sort()).toEqual(['helmfile.yaml:4', 'k8s/collector.yaml:1', 'k8s/collector.yaml:21', 'otel/otel-collector-config.yaml:1']);
  });

  it('does not count a lookalike app config, a Jaeger v2 config, opentracing or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-otel'));
    expect(result.evidence).toEqual([]);
  });

  it('does not count indirect Go requirements or peer dependencies of a library', async () => {
    const result = await detectIn(detector, join(prometheusFixtures, 'library-repo'));
    expect(result.evidence).toEqual([]);
  });
});
