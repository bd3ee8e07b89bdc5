import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderJson } from '../../src/report/json.js';
import { scanOrganization } from '../../src/scan/organization.js';

/**
 * Golden files of the bundled example organization: any change in a detector, the model or a
 * reporter that changes what acme's assessment says shows up here as a diff to read.
 * Refresh with UPDATE_GOLDEN=1 after reading the diff.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const GOLDEN = join(import.meta.dirname, 'golden');

async function acme() {
  return scanOrganization({ paths: [], config: join(ROOT, 'examples', 'acme', '.k8s-maturity.yaml'), cwd: ROOT, now: new Date('2026-11-24T12:00:00Z'), toolVersion: '0.0.0-test' });
}

function compare(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('the acme example organization', () => {
  it('renders the Markdown report it always did', async () => {
    compare('acme.md', renderMarkdown(await acme(), { webUrls: { 'examples/acme/payments-api': 'https://github.com/acme/payments-api/blob/HEAD' } }));
  });

  it('gives the same JSON on two scans (no hidden state)', async () => {
    expect(renderJson(await acme())).toBe(renderJson(await acme()));
  });
});
