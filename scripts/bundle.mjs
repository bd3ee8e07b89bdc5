#!/usr/bin/env node
// Links the compiled CLI (dist/, from tsc) into one file, dist/bundle/main.cjs, which
// bin/k8s-maturity.cjs runs through V8's code cache. tsc stays the type checker and the unbundled
// dist/ stays importable (tests, other tools); this step only joins files.
//
// Why: Node 20 resolves, reads and compiles every ES module separately, and the CLI is ~250 small
// modules plus its dependencies: ~80 ms of every run went to loading them, a third of the scan of
// a small repository. One file loads in one go, and as a script (CommonJS) it can be compiled
// from a code cache (see bin/k8s-maturity.cjs): ~50 ms more off each run. Modules the CLI imports
// only when needed (reports, the cluster reader) are still only initialised when needed.
//
// Left out: the Kubernetes client (large, an ES module, loaded only when a cluster is read), and
// the store's drivers (better-sqlite3, pg: loaded only by store commands and --save). The query
// builder, kysely, is linked into a file of its own beside main.cjs, dist/bundle/kysely.cjs, for
// the same reason as the CLI: the package is ~280 small CommonJS files, and resolving and
// compiling them one by one cost `history` and `scan --save` ~60 ms (several times that on a
// loaded machine); one file loads in a few milliseconds, and only when a store is opened, through a
// code cache of its own (bin/k8s-maturity.cjs).
import { build } from 'esbuild';
import { readdirSync, readFileSync as readText, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });

// The built-in signal files (src/detectors/<id>/signal.yaml) as one JSON file that the compiled
// code reads at start (src/detectors/signal-files.ts): data, not a generated source file.
{
  const { BUILTIN_SIGNALS_DATA, readSignalFolders } = await import(`${root}dist/signals/signal-folders.js`);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(BUILTIN_SIGNALS_DATA, JSON.stringify(readSignalFolders(`${root}src/detectors`)));
}

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // The store's drivers stay packages of their own: better-sqlite3 finds its native addon next to
  // its package, and neither is loaded unless a store is used.
  external: ['@kubernetes/client-node', 'better-sqlite3', 'pg'],
  legalComments: 'linked',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['dist/cli/main.js'],
  outfile: `${outdir}/main.cjs`,
  format: 'cjs',
  // Keep import() for the module left out: an ES module (see src/core/import-esm.ts).
  supported: { 'dynamic-import': true },
  plugins: [kyselyBeside()],
  // Paths such as ../../model/default-model.yaml are resolved from import.meta.url at run time;
  // a script has no import.meta, so it gets its own file's URL. dist/bundle/ sits at the same
  // depth as dist/cli/, so those paths stay right.
  define: { 'import.meta.url': '__k8smFileUrl' },
  banner: { js: "const __k8smFileUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// kysely, linked into one script that main.cjs requires when a store is opened: only what the
// compiled code imports from it (tsc leaves out type-only imports), from its ES module build so
// that the rest is left out: 226 kB instead of 281 kB, ~4 ms less to load in every `scan --save`.
await build({
  ...common,
  stdin: { contents: kyselyEntry(`${root}dist`), resolveDir: root, sourcefile: 'kysely-used.js', loader: 'js' },
  outfile: `${outdir}/kysely.cjs`,
  format: 'cjs',
  minifyWhitespace: true,
});

/** `export { … } from 'kysely'` with every name a compiled module imports; all of it if one imports otherwise. */
function kyselyEntry(dir) {
  const names = new Set();
  let whole = false;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const text = readText(join(entry.parentPath, entry.name), 'utf8');
    if (!text.includes("'kysely'")) continue;
    for (const match of text.matchAll(/^(?:import|export)\s+([^;]*?)\s+from\s+'kysely'/gm)) {
      const named = /^\{([^}]*)\}$/.exec(match[1].trim());
      if (!named) whole = true;
      else for (const name of named[1].split(',')) if (name.trim()) names.add(name.trim().split(/\s+as\s+/)[0]);
    }
  }
  return whole || names.size === 0 ? "export * from 'kysely';" : `export { ${[...names].sort().join(', ')} } from 'kysely';`;
}

/** `kysely` in the CLI's modules becomes a require of ./kysely.cjs, next to main.cjs. */
function kyselyBeside() {
  return {
    name: 'kysely-beside',
    setup(build) {
      build.onResolve({ filter: /^kysely$/ }, () => ({ path: './kysely.cjs', external: true }));
    },
  };
}

// The worker of organization scans: scan/parallel.js starts it as `./scan-worker.js` next to
// itself. An ES module of its own (workers start once per scan, not once per repository).
await build({
  ...common,
  entryPoints: ['dist/scan/scan-worker.js'],
  outfile: `${outdir}/scan-worker.js`,
  format: 'esm',
  // A CommonJS dependency bundled here would call require() for Node's own modules, and an ES
  // module has no require: give it one, so that adding such a dependency cannot break workers.
  banner: { js: "import { createRequire as __k8smCreateRequire } from 'node:module'; const require = __k8smCreateRequire(import.meta.url);" },
});

// The worker of timelines: timeline/timeline-pool.js starts it as `./timeline-worker.js` next to
// itself, which in the bundle is this folder as well.
await build({
  ...common,
  entryPoints: ['dist/timeline/timeline-worker.js'],
  outfile: `${outdir}/timeline-worker.js`,
  format: 'esm',
  banner: { js: "import { createRequire as __k8smCreateRequire } from 'node:module'; const require = __k8smCreateRequire(import.meta.url);" },
});

// The default model, checked once here rather than on every scan (see CHECKED_MODEL_PATH in
// src/model/load.ts): the model as the schema returns it, with a hash of the YAML it came from.
const { DEFAULT_MODEL_PATH, CHECKED_MODEL_PATH, modelTextHash, withRegistry } = await import(`${root}dist/model/load.js`);
const { validateModel } = await import(`${root}dist/model/validate.js`);
const { default: jsyaml } = await import('js-yaml');
const { readFileSync, writeFileSync } = await import('node:fs');
const modelText = readFileSync(DEFAULT_MODEL_PATH, 'utf8');
const checked = validateModel(await withRegistry(jsyaml.load(modelText)), DEFAULT_MODEL_PATH);
writeFileSync(CHECKED_MODEL_PATH, JSON.stringify({ sha256: modelTextHash(modelText), model: checked }));
