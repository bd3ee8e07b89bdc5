import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('falco detector', () => {
  it('finds the falco chart, its custom rules and a rules file', async () => {
    const result = await detectIn(detector, join(fixtures, 'runtime-security'));
    expect(places(result).sort()).toEqual(['infrastructure/falco/release.yaml:10', 'infrastructure/falco/release.yaml:24', 'rules/k8s-audit-overrides.yaml:5'].sort());
    expect(result.evidence.find((e) => e.file.startsWith('rules/'))?.detail).toBe('Falco rules file (macro user_known_package_manager_in_container)');
  });

  it('does not count a README, Prometheus rules or a lookalike rule list without output or priority', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-falco'));
    expect(result.evidence).toEqual([]);
  });
});
