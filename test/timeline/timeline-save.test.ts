import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const tempHome = (): string => mkdtempSync(join(tmpdir(), 'k8sm-home-'));
/** The built CLI with its own data, state and cache folders (never the user's store). */
function cli(args: string[], { home }: { home: string }) {
  const env = { ...process.env, XDG_DATA_HOME: join(home, 'data'), XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache'), K8S_MATURITY_STORE: '', NO_COLOR: '1' };
  const result = spawnSync('node', [join(ROOT, 'bin', 'k8s-maturity.cjs'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 170_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `timeline --save` on the bundled example with its generated history (scripts/example-history.mjs):
 * the past lands in the store as backfilled assessments that `history` lists, once however often
 * it is saved, and a day with a live scan keeps the scan.
 */
describe('timeline --save', () => {
  it('records each point as a backfilled assessment, once, and a live scan of the same day wins', () => {
    const home = tempHome();
    const dest = join(mkdtempSync(join(tmpdir(), 'k8sm-acme-history-')), 'acme');
    execFileSync('node', [join(ROOT, 'scripts/example-history.mjs'), dest], { stdio: 'ignore' });
    const store = `sqlite:${join(home, 'store.db')}`;
    const config = join(dest, '.k8s-maturity.yaml');
    // Today's live scan first: the timeline's point of today must not replace it.
    expect(cli(['scan', '--config', config, '--save', '--store', store, '-q', '-f', 'json', '-o', join(home, 'r.json')], { home }).code).toBe(0);
    const first = cli(['timeline', '--config', config, '--since', '1y', '--every', '90d', '--save', '--store', store, '-f', 'json', '-o', join(home, 't.json')], { home });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/4 past points recorded .* \(1 skipped/);
    const again = cli(['timeline', '--config', config, '--since', '1y', '--every', '90d', '--save', '--store', store, '-q', '-f', 'json', '-o', join(home, 't.json')], { home });
    expect(again.code).toBe(0);
    const history = JSON.parse(cli(['history', '--store', store, '-f', 'json'], { home }).stdout) as { assessments: { kind: string; stage: number }[] } | { kind: string }[];
    const list = Array.isArray(history) ? history : history.assessments;
    expect(list.map((a) => a.kind)).toEqual(['backfilled', 'backfilled', 'backfilled', 'backfilled', 'scan']);
  }, 180_000);
});
