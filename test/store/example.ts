import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The real command line (built by `npm test` before the tests) on copies of the bundled example. */
export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with its own data, state and cache folders (never the user's store). */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; home: string }): Run {
  const result = spawnSync('node', [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...homeEnv(options.home), NO_COLOR: '1', FORCE_COLOR: '', K8S_MATURITY_STORE: '', ...options.env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function homeEnv(home: string): NodeJS.ProcessEnv {
  return { XDG_DATA_HOME: join(home, 'data'), XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache') };
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'k8sm-home-'));
}

/** A copy of examples/acme that a test may change (its configuration names the repositories relatively). */
export function exampleCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'k8sm-acme-')), 'acme');
  cpSync(join(ROOT, 'examples', 'acme'), dir, { recursive: true });
  return dir;
}

export function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A plaintext Secret manifest (the value is a canary: it must never be printed). */
export const SECRET_CANARY = 'hunter2-canary-7f3a';
export const PLAINTEXT_SECRET = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: ${SECRET_CANARY}\n`;

let cached: string | undefined;
/** The JSON report of the unchanged example, scanned once per test file. */
export function exampleReportText(home: string = tempHome()): string {
  if (cached !== undefined) return cached;
  const run = cli(['scan', '--config', join(ROOT, 'examples', 'acme', '.k8s-maturity.yaml'), '--format', 'json', '--quiet'], { home });
  if (run.code !== 0) throw new Error(`scan failed: ${run.stderr}`);
  cached = run.stdout;
  return cached;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The change the memory tests make to payments-api: a plaintext Secret committed, and the build
 * moved to an end-of-life Go image (payments-api falls from stage 4 to 3).
 */
export function introduceRegressions(acme: string): void {
  write(acme, 'payments-api/deploy/raw/db-secret.yaml', PLAINTEXT_SECRET);
  const dockerfile = join(acme, 'payments-api', 'Dockerfile');
  writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replace(/^FROM \S+/gm, 'FROM golang:1.19'));
}
