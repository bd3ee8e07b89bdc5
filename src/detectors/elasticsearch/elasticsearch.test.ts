import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// elasticsearch is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'elasticsearch')!;

const fixtures = join(import.meta.dirname, 'fixtures');
const logging = join(import.meta.dirname, '..', 'fluentd', 'fixtures');

describe('elasticsearch detector', () => {
  it('finds the Elasticsearch StatefulSet of an EFK stack', async () => {
    const result = await detectIn(detector, join(logging, 'efk'));
    expect(places(result)).toEqual(['logging/elasticsearch.yaml:38']);
  });

  it('finds a managed OpenSearch domain, the elasticstack provider and an ECK Elasticsearch', async () => {
    const result = await detectIn(detector, join(fixtures, 'managed'));
    expect(places(result).sort()).toEqual(['eck/stack.yaml:1', 'terraform/logs.tf:14', 'terraform/logs.tf:24', 'terraform/logs.tf:7']);
  });

  it('does not count a search client library, Beats images or README mentions', async () => {
    const result = await detectIn(detector, join(logging, 'no-logging'));
    expect(result.evidence).toEqual([]);
  });
});
