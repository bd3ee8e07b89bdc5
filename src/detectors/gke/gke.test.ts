import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('gke detector', () => {
  it('finds the GKE module and node pool, Config Connector clusters, Deployment Manager and gcloud in Cloud Build', async () => {
    const result = await detectIn(detector, join(fixtures, 'gcp-platform'));
    expect(places(result).sort()).toEqual(
      [
        'dm/cluster.yaml:3',
        'terraform/gke.tf:14',
        'terraform/gke.tf:1',
        'config-connector/cluster.yaml:1',
        'config-connector/cluster.yaml:11',
        'cloudbuild.yaml:6',
      ].sort(),
    );
  });

  it('does not count a GKE node selector, an env value, a comment or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'lookalikes'));
    expect(result.evidence).toEqual([]);
  });
});
