import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Configuration keys that used to be read and ignored, run through the built command line. */
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');

function run(args: string[], cwd: string) {
  const result = spawnSync('node', [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An organization folder with one service built FROM node:22 (supported by the shipped table until 2027). */
function organization(config: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8sm-config-'));
  mkdirSync(join(dir, 'api'));
  writeFileSync(join(dir, 'api', 'Dockerfile'), 'FROM node:22-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]\n');
  writeFileSync(join(dir, 'api', 'server.js'), 'require("http").createServer((q, s) => s.end("ok")).listen(8080);\n');
  writeFileSync(join(dir, '.k8s-maturity.yaml'), config);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const eolFindings = (stdout: string) =>
  JSON.parse(stdout).repositories[0].detections.find((d: { id: string }) => d.id === 'eol-base-images')?.evidence.map((e: { detail: string }) => e.detail) ?? [];

const OWN_TABLE = "asOf: '2026-01-31'\nimages:\n  node:\n    - { cycle: 22, eol: '2025-12-31' }   # our own support ends early\n";

describe('eolTable: an own end-of-life table', () => {
  it('flags a base image by the own table, relative to the configuration, and the shipped table still applies', () => {
    const without = organization('repositories: [api]\nhistory: { enabled: false }\n');
    expect(eolFindings(run(['scan', '-q', '--format', 'json', '--no-cache'], without).stdout)).toEqual([]);

    const dir = organization('repositories: [api]\nhistory: { enabled: false }\neolTable: policy/eol.yaml\n', { 'policy/eol.yaml': OWN_TABLE });
    const result = run(['scan', '-q', '--format', 'json', '--no-cache'], dir);
    expect(result.code).toBe(0);
    expect(eolFindings(result.stdout)).toEqual([expect.stringMatching(/^FROM node:22-alpine — node 22 reached end of life on 2025-12-31/)]);
  });

  it('is part of the cache key: a changed table is not answered by the result of the old one', () => {
    const cache = mkdtempSync(join(tmpdir(), 'k8sm-config-cache-'));
    const dir = organization('repositories: [api]\nhistory: { enabled: false }\neolTable: eol.yaml\n', { 'eol.yaml': OWN_TABLE });
    expect(eolFindings(run(['scan', '-q', '--format', 'json', '--cache-dir', cache], dir).stdout)).toHaveLength(1);
    writeFileSync(join(dir, 'eol.yaml'), "images:\n  node:\n    - { cycle: '22', eol: '2027-04-30' }\n");
    expect(eolFindings(run(['scan', '-q', '--format', 'json', '--cache-dir', cache], dir).stdout)).toEqual([]);
  });

  it('refuses a malformed table with the file, the key and the fix', () => {
    const dir = organization('repositories: [api]\neolTable: eol.yaml\n', { 'eol.yaml': "images:\n  python:\n    - { cycle: 3.10, eol: '2026-10-31' }\n  node:\n    - { cycle: '22', eol: 30 April 2027 }\n" });
    const result = run(['scan', '-q', '--format', 'json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/eol\.yaml: images\.python\[0\]\.cycle: expected a version like '20' or '3\.10' \(quote versions with a dot\)/);
    expect(result.stderr).toMatch(/eol\.yaml: images\.node\[0\]\.eol: expected the end-of-life day as a date YYYY-MM-DD/);
    expect(run(['scan', '-q'], organization('eolTable: missing.yaml\n')).stderr).toMatch(/eolTable: missing\.yaml: no such file/);
  });

  it('from a configuration inside a git repository, a table outside it is ignored with a warning; with --config it is read', () => {
    const outside = mkdtempSync(join(tmpdir(), 'k8sm-config-outside-'));
    writeFileSync(join(outside, 'eol.yaml'), OWN_TABLE);
    const dir = organization(`repositories: [api]\nhistory: { enabled: false }\neolTable: ${join(outside, 'eol.yaml')}\n`);
    spawnSync('git', ['init', '-q', dir]);
    const found = run(['scan', '-q', '--format', 'json', '--no-cache'], dir);
    expect(found.code).toBe(0);
    expect(eolFindings(found.stdout)).toEqual([]);
    expect(JSON.parse(found.stdout).warnings.map((w: { message: string }) => w.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^eolTable: ignored: ".*eol\.yaml" lies outside /)]));
    const named = run(['scan', '-q', '--format', 'json', '--no-cache', '--config', join(dir, '.k8s-maturity.yaml')], dir);
    expect(named.code).toBe(0);
    expect(eolFindings(named.stdout)).toHaveLength(1);
  });
});

describe('exemptions and attestations name what exists', () => {
  it('refuses an exemption of a capability that does not exist, with "did you mean"', () => {
    const example = readFileSync(join(ROOT, 'examples', 'acme', '.k8s-maturity.yaml'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-config-typo-'));
    const config = join(dir, 'acme.yaml');
    writeFileSync(config, example.replace('capability: chart-publishing', 'capability: chart-publshing').replace(/^(\s+)- ([a-z-]+)$/gm, (line, indent, name) => `${indent}- ${join(ROOT, 'examples', 'acme', name)}`));
    const result = run(['scan', '--config', config, '-q', '--format', 'json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/exemptions\[0\]\.capability: no capability "chart-publshing" in the model \(did you mean "chart-publishing"\?\)/);
    expect(result.stdout).toBe('');
  });

  it('refuses a mistyped signal of an exemption and capability of an attestation, all at once', () => {
    const dir = organization(
      [
        'repositories: [api]',
        'exemptions:',
        '  - { signal: static-secret, reason: test fixtures }',
        'attestations:',
        "  - { capability: runtime-securty, statement: Falco via the vendor agent, by: alice@acme.io, date: '2026-01-01' }",
        '',
      ].join('\n'),
    );
    const result = run(['scan', '-q'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/exemptions\[0\]\.signal: no signal "static-secret" in the model \(did you mean "static-secrets"\?\)/);
    expect(result.stderr).toMatch(/attestations\[0\]\.capability: no capability "runtime-securty" in the model \(did you mean "runtime-security"\?\)/);
  });
});
