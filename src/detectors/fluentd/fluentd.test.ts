import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// fluentd is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'fluentd')!;

const fixtures = join(import.meta.dirname, 'fixtures');

describe('fluentd detector', () => {
  it('finds the DaemonSet image and both config entries of its ConfigMap', async () => {
    const result = await detectIn(detector, join(fixtures, 'efk'));
    // each config entry points at its first <source>/<match> line inside the block
    expect(places(result).sort()).toEqual(['logging/fluentd.yaml:10', 'logging/fluentd.yaml:17', 'logging/fluentd.yaml:44']);
  });

  it('finds a fluent.conf and a custom image built FROM fluentd', async () => {
    const root = writeTree({
      'fluentd/conf/fluent.conf': '# Forward to the aggregator\n<source>\n  @type forward\n  port 24224\n</source>\n',
      'fluentd/Dockerfile': 'FROM fluent/fluentd:v1.16-1\nUSER root\nRUN gem install fluent-plugin-elasticsearch\nUSER fluent\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result).sort()).toEqual(['fluentd/Dockerfile:1', 'fluentd/conf/fluent.conf:2']);
  });

  it('does not count fluent-logger, an Apache config, a commented fluent.conf or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-logging'));
    expect(result.evidence).toEqual([]);
  });
});
