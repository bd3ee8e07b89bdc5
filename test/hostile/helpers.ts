import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Helpers shared by the hostile-input, property and security tests. */

export const ROOT = join(import.meta.dirname, '..', '..');
/** What bin/k8s-maturity.cjs runs: the bundled CLI (scripts/bundle.mjs). */
export const MAIN = join(ROOT, 'dist', 'bundle', 'main.cjs');

export const HEALTHY_MANIFEST = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';

/** A temporary repository with these files and a healthy manifest at k8s/web.yaml (proof that the scan went on). */
export function repoWith(files: Record<string, string | Buffer>, prefix = 'k8sm-hostile-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(join(root, 'k8s'), { recursive: true });
  writeFileSync(join(root, 'k8s', 'web.yaml'), HEALTHY_MANIFEST);
  return root;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident set size of the CLI process, in bytes. */
  maxRss: number;
}

/**
 * Runs the built CLI (dist/, from `npm run build`) in a child process, the way a user does, and
 * reports its exit code, output, time and peak memory. `env` is added to a copy of this process's.
 */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliRun> {
  if (!existsSync(MAIN)) throw new Error('dist/bundle/main.cjs is missing: run `npm run build` first (npm test does)');
  // A tiny launcher reports the peak RSS on fd 3 once the CLI is done.
  const launcher = [
    "import { writeSync } from 'node:fs';",
    `const { main } = await import(${JSON.stringify(new URL(`file://${MAIN}`).href)});`,
    'const code = await main(process.argv);',
    // maxRSS is in kilobytes.
    'writeSync(3, String(process.resourceUsage().maxRSS * 1024));',
    'process.exitCode = code;',
  ].join('\n');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', launcher, 'k8s-maturity', ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const rss: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => rss.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started, maxRss: Number(Buffer.concat(rss).toString() || 0) });
    });
  });
}

export interface JsonReport {
  warnings: { file: string; message: string; repository?: string }[];
  repositories: { path: string; detections: { id: string; evidence: { file?: string; line?: number }[] }[] }[];
}

/** The warning messages about one file, joined. */
export function warningsFor(report: JsonReport, file: string): string {
  return report.warnings.filter((w) => w.file === file).map((w) => w.message).join(' | ');
}

/** True when the healthy manifest of repoWith was still found. */
export function healthyIn(report: JsonReport): boolean {
  return report.repositories.some((r) => r.detections.some((d) => d.id === 'k8s-manifests' && d.evidence.some((e) => e.file === 'k8s/web.yaml')));
}
