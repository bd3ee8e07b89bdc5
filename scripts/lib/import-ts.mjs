// Imports a TypeScript module from test/ (a reference implementation the benchmarks and
// equivalence scripts compare against) by bundling it with esbuild into a temporary file: the
// references are test code, so they are not compiled into dist/ and never ship.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../..', import.meta.url).pathname;

export async function importTs(path) {
  const dir = mkdtempSync(join(tmpdir(), 'k8sm-ts-'));
  const outfile = join(dir, 'module.mjs');
  try {
    await build({ absWorkingDir: root, entryPoints: [path], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
