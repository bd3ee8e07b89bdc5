#!/usr/bin/env node
// Links the compiled CLI (dist/, from tsc) into a few files under dist/bundle/, which is what
// bin/k8s-maturity.js runs. Why: Node 20 resolves, reads and compiles every ES module separately,
// and the CLI is ~250 small modules plus its dependencies: ~80 ms of every run went to loading
// them, a third of a scan of a small repository. tsc stays the type checker and the unbundled
// dist/ stays importable (tests, other tools); this step only joins files.
//
// Dynamic imports stay separate chunks (code splitting), so `--version` or `--help` still load no
// parser and a scan loads no report it does not write. Left out of the bundle: the Kubernetes
// client (large, loaded only when a cluster is read) and tree-sitter's loader (it finds its WASM
// file next to its own module).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  // The worker is an entry of its own: scan/parallel.js starts it as `./scan-worker.js` next to itself.
  entryPoints: ['dist/cli/main.js', 'dist/scan/scan-worker.js'],
  entryNames: '[name]',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@kubernetes/client-node', 'web-tree-sitter'],
  // CommonJS dependencies (commander, dockerfile-ast) call require() for Node's own modules; an
  // ES module has no require, so give each chunk one.
  banner: { js: "import { createRequire as __k8smCreateRequire } from 'node:module'; const require = __k8smCreateRequire(import.meta.url);" },
  // Paths such as ../../model/default-model.yaml are resolved from import.meta.url at run time:
  // dist/bundle/ sits at the same depth as dist/cli/, so they stay right.
  legalComments: 'linked',
  logLevel: 'warning',
});

// The default model, checked once here rather than on every scan (see CHECKED_MODEL_PATH in
// src/model/load.ts): the model as the schema returns it, with a hash of the YAML it came from.
const { DEFAULT_MODEL_PATH, CHECKED_MODEL_PATH, modelTextHash } = await import(`${root}dist/model/load.js`);
const { validateModel } = await import(`${root}dist/model/validate.js`);
const { default: jsyaml } = await import('js-yaml');
const { readFileSync, writeFileSync } = await import('node:fs');
const modelText = readFileSync(DEFAULT_MODEL_PATH, 'utf8');
const checked = validateModel(jsyaml.load(modelText), DEFAULT_MODEL_PATH);
writeFileSync(CHECKED_MODEL_PATH, JSON.stringify({ sha256: modelTextHash(modelText), model: checked }));
