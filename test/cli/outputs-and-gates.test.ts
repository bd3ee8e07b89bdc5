import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The built command line, as CI scripts run it: which report lands where, and what a gate says. */
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');
const EXAMPLE_CONFIG = join(ROOT, 'examples', 'acme', '.k8s-maturity.yaml');

function run(args: string[]) {
  const result = spawnSync('node', [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scan = (...args: string[]) => run(['scan', '--config', EXAMPLE_CONFIG, '-q', '--no-history', ...args]);

describe('--format and --output pair by position on the command line', () => {
  it('writes JSON to org.json and the table to stdout for --format table --format json --output org.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-pair-'));
    const result = scan('--format', 'table', '--format', 'json', '--output', join(dir, 'org.json'));
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'org.json'), 'utf8')).schemaVersion).toBe(1);
    expect(result.stdout).toMatch(/Stage 3 of 5/);
  });

  it('takes the format from the extension for an --output no --format precedes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-pair-'));
    const result = scan('--output', join(dir, 'r.html'), '--format', 'markdown', '--output', join(dir, 'r.md'));
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toMatch(/^# /m);
    expect(result.stdout).toBe('');
  });

  it('refuses two reports for stdout before scanning, saying how to fix it', () => {
    const result = scan('--format', 'table', '--format', 'markdown');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/only one report can go to stdout/);
    expect(result.stderr).toMatch(/--format table and --format markdown/);
    expect(result.stdout).toBe('');
  });

  it('refuses a file whose extension names another format, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-pair-'));
    const result = scan('--format', 'table', '--output', join(dir, 'org.json'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the extension \.json is for json/);
    expect(existsSync(join(dir, 'org.json'))).toBe(false);
  });

  it('explains the pairing in --help', () => {
    const help = run(['scan', '--help']).stdout;
    expect(help).toMatch(/each --output writes the --format just before it/);
    expect(help).toMatch(/team:NAME=STAGE/);
  });
});

describe('--fail-below gates the organization, a team or a repository', () => {
  // The example: organization 3; teams platform 3, payments 4, storefront 3; payments-api 4, storefront-web 3.
  it('passes a team gate its team meets even when the organization is below that stage', () => {
    const result = scan('--fail-below', 'team:payments=4', '-o', '/dev/null');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('fails a team gate with exit 1, naming the team and its stage', () => {
    const result = scan('--fail-below', 'team:storefront=4', '-o', '/dev/null');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('k8s-maturity: team storefront stage 3 is below --fail-below team:storefront=4');
  });

  it('gates a repository by its reported path or its folder name, and names every gate that failed', () => {
    expect(scan('--fail-below', 'repo:examples/acme/payments-api=4', '-o', '/dev/null').code).toBe(0);
    const result = scan('--fail-below', 'repo:storefront-web=4', '--fail-below', '4', '--fail-below', 'repo:payments-api=4', '-o', '/dev/null');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'k8s-maturity: repository examples/acme/storefront-web stage 3 is below --fail-below repo:storefront-web=4',
      'k8s-maturity: organization stage 3 is below --fail-below 4',
    ]);
  });

  it('exits 2 for a gate naming a team the scan does not have, with a hint', () => {
    const result = scan('--fail-below', 'team:paymnets=3', '-o', '/dev/null');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no team "paymnets" in this scan \(did you mean "payments"\?\)/);
  });

  it('refuses a malformed gate as a usage error', () => {
    const result = scan('--fail-below', 'team:payments', '-o', '/dev/null');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/team:NAME=STAGE/);
  });
});

describe('each repository assessed once', () => {
  it('assesses a repository given twice, or a folder inside a given one, once, with a warning that says why', () => {
    const result = run(['scan', 'examples/acme/payments-api', './examples/acme/payments-api/', 'examples/acme/payments-api/deploy', '--no-history', '-q', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.repositories.map((r: { path: string }) => r.path)).toEqual(['examples/acme/payments-api']);
    expect(report.warnings.map((w: { file: string; message: string }) => [w.file, w.message.split(':')[0]])).toEqual([
      ['./examples/acme/payments-api/', 'the same repository as examples/acme/payments-api, given twice'],
      ['examples/acme/payments-api/deploy', 'inside examples/acme/payments-api, which is assessed whole (this folder included)'],
    ]);
  });
});

describe('the table fits the width it is printed in', () => {
  it('wraps to $COLUMNS (80 when unknown) when not on a terminal, the stage ladder broken between stages', () => {
    for (const columns of ['', '64']) {
      const result = spawnSync('node', [CLI, 'scan', '--config', EXAMPLE_CONFIG, '-q', '--no-history', '--format', 'table'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: columns } });
      expect(result.status).toBe(0);
      const width = columns === '' ? 80 : Number(columns);
      const lines = result.stdout.split('\n');
      expect(lines.filter((l) => [...l].length > width)).toEqual([]);
      expect(lines.some((l) => l.includes('■ 1 Bootstrapping and provisioning'))).toBe(true);
      expect(lines.some((l) => l.includes('□ 5 Cross-team adoption'))).toBe(true);
    }
  });
});
