#!/usr/bin/env node
// Launcher. The CLI is compiled TypeScript in dist/, linked into one script, dist/bundle/main.cjs
// (both built by `npm ci` through `prepare`; scripts/bundle.mjs says why).
//
// The script is compiled through V8's code cache: after a run, the code V8 compiled for it
// (including every function the run needed) is kept in the user's cache folder, and the next run
// of the same command starts from it instead of parsing and compiling ~1.5 MB of JavaScript again,
// about 50 ms of a scan of a small repository. The cache is keyed by the script's content, the
// Node version and the command; V8 checks it again and refuses one that does not fit (then it is
// rewritten). It is only ever a speed-up: any problem with it and the script is compiled as usual.
//
// A CommonJS script, not an ES module: Node starts a script a few milliseconds sooner.
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire, Module } = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const file = join(__dirname, '..', 'dist', 'bundle', 'main.cjs');
if (!existsSync(file)) {
  process.stderr.write('k8s-maturity: not built yet: run `npm ci` (or `npm run build`) in the checkout first\n');
  process.exit(2);
}
// `k8s-maturity signals | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const source = readFileSync(file, 'utf8');
const main = cachedScript(file, source, codeCacheFile(source, process.argv[2]));
// Code restored from the cache cannot call import(); ES module packages (the Kubernetes client,
// loaded only when a cluster is read) are imported here instead (src/core/import-esm.ts).
globalThis.__k8sMaturityImport = (specifier) => import(specifier);
const cli = { exports: {} };
main.script.runInThisContext().call(cli.exports, cli.exports, bundleRequire(), cli, file, dirname(file));
cli.exports.main(process.argv).then((code) => {
  process.exitCode = code;
  for (const compiled of [main, kysely]) if (compiled?.stale) saveCodeCache(compiled.cacheFile, compiled.script);
});

/** A script compiled from its code cache when there is one that fits; `stale`: to be (re)written after the run. */
function cachedScript(path, text, cacheFile) {
  let cachedData;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // first run of this version: compiled as usual, cached after the run
  }
  const script = new vm.Script(Module.wrap(text), { filename: path, ...(cachedData ? { cachedData } : {}) });
  return {
    script,
    cacheFile,
    get stale() {
      return cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true);
    },
  };
}

/**
 * main.cjs's require. kysely.cjs, the query builder linked beside it (scripts/bundle.mjs) and
 * required only when a store is opened (`scan --save`, history, diff…), is compiled through a
 * code cache of its own, as main.cjs is: 226 kB of JavaScript that every `scan --save` parsed and
 * compiled again (~5–8 ms of CPU, several times that on a loaded machine).
 */
let kysely;
function bundleRequire() {
  const plain = createRequire(file);
  const kyselyFile = join(dirname(file), 'kysely.cjs');
  const bundled = (specifier) => {
    if (specifier !== './kysely.cjs') return plain(specifier);
    if (kysely === undefined) {
      const text = readFileSync(kyselyFile, 'utf8');
      // Keyed by main.cjs's cache (same script, Node and command) and by kysely.cjs's own content.
      const mainCache = main.cacheFile;
      const cacheFile = mainCache && mainCache.replace(/\.bin$/, `-kysely-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.bin`);
      kysely = cachedScript(kyselyFile, text, cacheFile);
      const module = { exports: {} };
      kysely.script.runInThisContext().call(module.exports, module.exports, createRequire(kyselyFile), module, kyselyFile, dirname(kyselyFile));
      kysely.exports = module.exports;
    }
    return kysely.exports;
  };
  return Object.assign(bundled, { resolve: plain.resolve, cache: plain.cache, main: plain.main, extensions: plain.extensions });
}

/**
 * `$XDG_CACHE_HOME/k8s-maturity/code/<script>-<node>-<command>.bin`: one per version of the
 * script, Node version and command.
 */
function codeCacheFile(text, command) {
  if (process.env.K8S_MATURITY_CODE_CACHE === '0') return undefined;
  const base = process.env.XDG_CACHE_HOME?.startsWith('/') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  // Each command compiles different functions: a cache made by `--version` would leave a scan cold.
  const kind = ['scan', 'init', 'snapshot', 'signals'].includes(command) ? command : 'other';
  const hash = (value) => createHash('sha256').update(value).digest('hex').slice(0, 16);
  return join(base, 'k8s-maturity', 'code', `${hash(text)}-${hash(`${process.version}\0${process.arch}`)}-${kind}.bin`);
}

function saveCodeCache(path, compiled) {
  try {
    const dir = dirname(path);
    mkdirSync(dir, { recursive: true });
    // Written whole, then renamed: a run starting meanwhile reads the old file or the new one.
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, compiled.createCachedData());
    renameSync(partial, path);
    // Caches of other versions of the script can never be used again: the folder does not grow
    // with every upgrade.
    const current = `${path.slice(dir.length + 1).split('-')[0]}-`;
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.bin') && !name.startsWith(current)) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // a read-only home or cache folder: every run compiles, as without the cache
  }
}
