import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load.js';
import { applyOverrides } from '../model/validate.js';
import { loadEolTableFile } from './eol-table.js';
import { checkModelNames } from './exemptions.js';
import { parseConfig } from './parse.js';
import { writeStarterConfig } from './starter.js';

/**
 * What a user does with the starter: remove the `#` of every example (lines with no space after
 * it), and the `[]` of a list the examples add items to.
 */
function uncommentEverything(text: string): string {
  const lines = text.split('\n').map((line) => (/^#(?!$| \S)/.test(line) ? line.slice(1) : line));
  return lines.map((line, i) => (/^\w+: \[\]$/.test(line) && /^\s+- /.test(lines[i + 1] ?? '') ? line.replace(/ \[\]$/, '') : line)).join('\n');
}

/** Everything a scan checks before it reads any repository or cluster, in the same order. */
async function loadAsAScanWould(text: string): Promise<void> {
  const config = parseConfig(text, '.k8s-maturity.yaml');
  let model = await loadModel();
  if (config.model) model = applyOverrides(model, config.model, '.k8s-maturity.yaml');
  checkModelNames(config, model, '.k8s-maturity.yaml');
  if (config.eolTable) {
    const baseDir = mkdtempSync(join(tmpdir(), 'k8sm-starter-'));
    writeFileSync(join(baseDir, config.eolTable), "asOf: '2026-12-01'\nimages:\n  node:\n    - { cycle: '22', eol: '2026-10-31' }\n");
    await loadEolTableFile({ path: config.eolTable, baseDir, configLabel: '.k8s-maturity.yaml' });
  }
}

const FOUND = [
  { repositories: [], contexts: [] },
  { repositories: ['platform-infra', 'payments-api', 'payments-worker'], contexts: ['prod-eu', 'staging'] },
  { repositories: ['services/orders', 'services/billing'] },
];

describe('the starter configuration of `init`', () => {
  it('uncomments every example: each example line is found and the whole file loads as a scan loads it', async () => {
    for (const found of FOUND) {
      const text = writeStarterConfig('/work/acme', found);
      const uncommented = uncommentEverything(text);
      // Every top-level key of the reference appears once uncommented, so no example escaped the convention.
      for (const key of ['organization', 'teams', 'platformTeam', 'clusters', 'history', 'model', 'exemptions', 'attestations', 'limits', 'eolTable']) {
        expect(uncommented, `${key} with ${JSON.stringify(found)}`).toMatch(new RegExp(`^${key}:`, 'm'));
      }
      await expect(loadAsAScanWould(uncommented), JSON.stringify(found)).resolves.toBeUndefined();
      const config = parseConfig(uncommented);
      expect(config.model?.capabilities).toHaveProperty('centralized-logging');
      expect(config.exemptions).toHaveLength(1);
      expect(config.attestations).toHaveLength(1);
    }
  });

  it('loads as written too, with no example in force', async () => {
    const config = parseConfig(writeStarterConfig('/work/acme', FOUND[1]!));
    expect(config).toMatchObject({ exemptions: [], attestations: [], clusters: [{ context: 'prod-eu' }] });
    expect(config.model).toBeUndefined();
    expect(config.eolTable).toBeUndefined();
    await expect(loadAsAScanWould(writeStarterConfig('/work/acme', FOUND[1]!))).resolves.toBeUndefined();
  });
});
