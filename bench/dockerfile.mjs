// Times the hand-written Dockerfile lexer against the dockerfile-ast implementation it replaced
// (run after `npm run build`):
//   node bench/dockerfile.mjs [--cold-dir=<folder>] [folder...]      (default folders: /tmp/q /tmp/real)
// A scan parses each Dockerfile once, in a fresh process, so the cold figures matter most. Each
// implementation is bundled into one CommonJS file the way scripts/bundle.mjs bundles the CLI;
// then, BENCH_COLD_RUNS (default 7) times, a fresh `node` loads it and parses the texts (read
// before the clock starts): loading, the first parse of the cold set (by default the 13
// Dockerfiles of microservices-demo, else the first 13 files), then all files. Medians and the
// fastest run are printed. Warm: all files, best of BENCH_RUNS (default 5) after warm-up, in this
// process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { filesUnder } from '../scripts/lib/files-under.mjs';

const DOCKERFILE = /^(dockerfile|containerfile)$|\.dockerfile$|^dockerfile\./i;

// Child: `--child <bundle> <list.json>` prints {loadMs, coldMs, allMs} for one fresh process.
if (process.argv[2] === '--child') {
  const [bundle, list] = process.argv.slice(3);
  const { cold, all } = JSON.parse(readFileSync(list, 'utf8'));
  const texts = (paths) => paths.map((path) => readFileSync(path, 'utf8'));
  const [coldTexts, allTexts] = [texts(cold), texts(all)];
  const started = performance.now();
  const { parse } = createRequire(import.meta.url)(bundle);
  const loaded = performance.now();
  for (const text of coldTexts) parse(text);
  const coldDone = performance.now();
  for (const text of allTexts) parse(text);
  const allDone = performance.now();
  console.log(JSON.stringify({ loadMs: loaded - started, coldMs: coldDone - loaded, allMs: allDone - coldDone }));
  process.exit(0);
}

const ROOT = new URL('..', import.meta.url).pathname;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const args = process.argv.slice(2);
const coldDirArg = args.find((a) => a.startsWith('--cold-dir='))?.slice('--cold-dir='.length);
const folders = args.filter((a) => !a.startsWith('--'));
if (folders.length === 0) folders.push('/tmp/q', '/tmp/real');

const all = folders.flatMap((folder) => [...filesUnder(folder, DOCKERFILE)]).sort();
if (all.length === 0) {
  console.error(`no Dockerfiles under ${folders.join(' ')}`);
  process.exit(2);
}
const coldDir = coldDirArg ?? '/tmp/q/microservices-demo/';
const inColdDir = all.filter((path) => path.startsWith(coldDir));
const cold = (inColdDir.length > 0 ? inColdDir : all).slice(0, 13);

const work = mkdtempSync(join(tmpdir(), 'dockerfile-bench-'));
const { build } = await import('esbuild');
const implementations = [
  { name: 'dockerfile-ast', module: 'dist/parse/dockerfile/reference.js', exported: 'parseDockerfileReference' },
  { name: 'hand-written', module: 'dist/parse/dockerfile.js', exported: 'parseDockerfile' },
];
for (const impl of implementations) {
  impl.bundle = join(work, `${impl.name}.cjs`);
  const entry = join(work, `${impl.name}-entry.mjs`);
  writeFileSync(entry, `export { ${impl.exported} as parse } from ${JSON.stringify(join(ROOT, impl.module))};\n`);
  await build({ entryPoints: [entry], outfile: impl.bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  impl.kb = statSync(impl.bundle).size / 1024;
}
const list = join(work, 'files.json');
writeFileSync(list, JSON.stringify({ cold, all }));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** "median (fastest)": the machine may be busy, and the fastest run shows what the code costs. */
const spread = (values) => `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)})`;
const kb = all.reduce((sum, path) => sum + statSync(path).size, 0) / 1024;
console.log(`${all.length} Dockerfiles (${kb.toFixed(0)} kB) under ${folders.join(' ')}; cold set: ${cold.length} files under ${inColdDir.length > 0 ? coldDir : 'the first paths'}`);
console.log(`cold: ms, median (fastest) of ${COLD_RUNS} fresh processes · warm: ms, best of ${RUNS} after warm-up, all files`);
console.log('implementation   bundle   load            first 13 files   then all files   warm, all files');
for (const impl of implementations) {
  const runs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const result = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child', impl.bundle, list], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${impl.name}: ${result.stderr}`);
    runs.push(JSON.parse(result.stdout));
  }
  const { parse } = createRequire(import.meta.url)(impl.bundle);
  const texts = all.map((path) => readFileSync(path, 'utf8'));
  for (let i = 0; i < 20; i++) for (const text of texts) parse(text);
  let warm = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    for (const text of texts) parse(text);
    warm = Math.min(warm, performance.now() - started);
  }
  const column = (key) => spread(runs.map((r) => r[key])).padEnd(17);
  console.log(`${impl.name.padEnd(15)} ${`${impl.kb.toFixed(0)} kB`.padStart(7)}  ${column('loadMs')}${column('coldMs')}${column('allMs')}${warm.toFixed(2)}`);
}
rmSync(work, { recursive: true, force: true });
