import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('consul-connect detector', () => {
  it('finds connect-inject, ServiceIntentions and the consul chart with connectInject enabled', async () => {
    const result = await detectIn(detector, join(fixtures, 'mesh'));
    expect(places(result).sort()).toEqual(['charts/platform/values.yaml:8', 'deploy/billing.yaml:12', 'deploy/billing.yaml:20'].sort());
  });

  it('does not count the consul chart used as a key-value store, nor a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-mesh'));
    expect(result.evidence).toEqual([]);
  });
});
