import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('sops detector', () => {
  it('finds .sops.yaml rules, an encrypted Secret, Flux decryption and `sops -d` in a script', async () => {
    const result = await detectIn(detector, join(fixtures, 'encrypted'));
    expect(places(result).sort()).toEqual(['.sops.yaml:1', 'apps/billing/db.enc.yaml:9', 'clusters/prod/apps.yaml:14', 'scripts/render.sh:4'].sort());
    expect(JSON.stringify(result)).not.toContain('ENC[');
  });

  it('does not count a README, an empty .sops.yaml or a values key named sops', async () => {
    const result = await detectIn(detector, join(fixtures, 'plain'));
    expect(result.evidence).toEqual([]);
  });
});
