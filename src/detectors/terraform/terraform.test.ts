import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('terraform detector', () => {
  it('finds modules, providers and the plan step of a platform repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'platform-infra'));
    expect(places(result)).toEqual(
      expect.arrayContaining(['modules/eks/main.tf:2', 'envs/prod/main.tf:1', '.github/workflows/plan.yml:10', '.github/workflows/plan.yml:16', '.github/workflows/plan.yml:17']),
    );
    // variables.tf declares nothing Terraform-only: not evidence on its own
    expect(places(result).some((p) => p.startsWith('modules/eks/variables.tf'))).toBe(false);
  });

  it('does not count a README mention or a file that merely looks like HCL', async () => {
    const result = await detectIn(detector, join(fixtures, 'docs-only'));
    expect(result.evidence).toEqual([]);
  });
});
