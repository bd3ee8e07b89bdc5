import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README's "What a scan shows" is an excerpt of the real table of its first quick-start command
 * (`npx k8s-maturity scan --config examples/acme/.k8s-maturity.yaml`): every line it shows, other
 * than the "…" that mark a cut, must be a line of today's output. When the output changes on
 * purpose, regenerate the excerpt from `NO_COLOR=1 npx k8s-maturity scan --config … --format table`.
 */

const ROOT = join(import.meta.dirname, '..', '..');

describe('the README excerpt of a scan', () => {
  it('shows only lines the first quick-start command really prints', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('## What a scan shows\n\n```\n');
    expect(start).toBeGreaterThan(0);
    const body = readme.slice(start).split('```')[1]!;
    const shown = body.split('\n').filter((line) => line.trim() !== '' && line.trim() !== '…');
    const run = spawnSync('node', [join(ROOT, 'bin', 'k8s-maturity.cjs'), 'scan', '--config', join('examples', 'acme', '.k8s-maturity.yaml'), '--format', 'table', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
      // A wide terminal, as the README's excerpt shows (the table is fitted to $COLUMNS, else 80).
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', COLUMNS: '400' },
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const printed = new Set(run.stdout.split('\n'));
    expect(shown.length).toBeGreaterThan(20);
    expect(shown.filter((line) => !printed.has(line))).toEqual([]);
  });
});
