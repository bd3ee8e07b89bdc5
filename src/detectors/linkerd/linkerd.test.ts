import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('linkerd detector', () => {
  it('finds the injected namespace, Linkerd resources, the Linkerd charts and `linkerd check` in CI', async () => {
    const result = await detectIn(detector, join(fixtures, 'meshed'));
    expect(places(result).sort()).toEqual(
      [
        'apps/orders/namespace.yaml:6',
        'apps/orders/service-profile.yaml:1',
        'apps/orders/service-profile.yaml:14',
        'infrastructure/linkerd/release.yaml:9',
        'infrastructure/linkerd/release.yaml:22',
        '.github/workflows/mesh-check.yml:15',
      ].sort(),
    );
  });

  it('does not count a README, a commented annotation or `linkerd.io/inject: disabled`', async () => {
    const result = await detectIn(detector, join(fixtures, 'unmeshed'));
    expect(result.evidence).toEqual([]);
  });
});
