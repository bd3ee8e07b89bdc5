import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// sealed-secrets is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'sealed-secrets')!;

const fixtures = join(import.meta.dirname, 'fixtures');

describe('sealed-secrets detector', () => {
  it('finds the controller chart, a SealedSecret and kubeseal in the Makefile', async () => {
    const result = await detectIn(detector, join(fixtures, 'sealed'));
    expect(places(result).sort()).toEqual(['clusters/prod/sealed-secrets.yaml:10', 'apps/api/db-credentials.yaml:2', 'Makefile:4'].sort());
    // Evidence of a SealedSecret names it; the ciphertext is not copied.
    expect(JSON.stringify(result)).not.toContain('AgBy3i4');
  });

  it('does not count a README or a commented command', async () => {
    const result = await detectIn(detector, join(fixtures, 'not-sealed'));
    expect(result.evidence).toEqual([]);
  });
});
