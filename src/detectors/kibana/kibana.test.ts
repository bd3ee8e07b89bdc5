import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// kibana is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'kibana')!;

const logging = join(import.meta.dirname, '..', 'fluentd', 'fixtures');
const managed = join(import.meta.dirname, '..', 'elasticsearch', 'fixtures', 'managed');

describe('kibana detector', () => {
  it('finds the Kibana Deployment of an EFK stack', async () => {
    const result = await detectIn(detector, join(logging, 'efk'));
    expect(places(result)).toEqual(['logging/kibana.yaml:18']);
  });

  it('finds an ECK Kibana and the Dashboards of a managed OpenSearch domain', async () => {
    const result = await detectIn(detector, managed);
    expect(places(result).sort()).toEqual(['eck/stack.yaml:12', 'terraform/logs.tf:14']);
  });

  it('reads kibana.yml only when it holds settings', async () => {
    const root = writeTree({
      'kibana/kibana.yml': '# Kibana for the logs cluster\nserver.name: logs\nelasticsearch.hosts: ["https://logs-es:9200"]\n',
      'other/kibana.yml': '# all defaults\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result)).toEqual(['kibana/kibana.yml:2']);
  });

  it('ignores README mentions and client libraries', async () => {
    const result = await detectIn(detector, join(logging, 'no-logging'));
    expect(result.evidence).toEqual([]);
  });
});
