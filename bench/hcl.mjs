// Times the hand-written HCL parser against the tree-sitter conversion it replaced (run after
// `npm run build`): `node bench/hcl.mjs [folder...]`. Default cases: the 300 .tf files of the
// generated monorepo (/tmp/bm/mono/terraform, generated when missing) and the real .tf, .tfvars
// and .hcl files under /tmp/q. Files are read once; each case parses all of its texts, best of
// BENCH_RUNS (default 5) after warm-up runs, so the figures are parse time only.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHcl } from '../dist/parse/hcl.js';
import { importTs } from '../scripts/lib/import-ts.mjs';

const { initReferenceParser, parseHclReference } = await importTs('test/parse/hcl-tree-sitter-reference.ts');

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const HCL = /\.(tf|tfvars|hcl)$/i;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && HCL.test(entry.name)) yield path;
  }
}

async function defaultCases() {
  const mono = '/tmp/bm/mono';
  if (!existsSync(join(mono, 'terraform'))) {
    mkdirSync(mono, { recursive: true });
    const { generateMonorepo } = await import('./generate.mjs');
    generateMonorepo(mono);
  }
  const cases = [{ name: 'generated monorepo, terraform/', folders: [join(mono, 'terraform')] }];
  if (existsSync('/tmp/q')) cases.push({ name: 'real repositories, /tmp/q', folders: readdirSync('/tmp/q').map((d) => join('/tmp/q', d)) });
  return cases;
}

function time(parse, texts) {
  const started = process.hrtime.bigint();
  for (const text of texts) parse(text);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function best(parse, texts) {
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) min = Math.min(min, time(parse, texts));
  return min;
}

const args = process.argv.slice(2);
const cases = args.length > 0 ? args.map((folder) => ({ name: folder, folders: [folder] })) : await defaultCases();

const loadStarted = process.hrtime.bigint();
await initReferenceParser();
const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
console.log(`tree-sitter: loading the WASM grammar ${loadMs.toFixed(1)} ms (once per process; the new parser loads nothing)`);
console.log(`best of ${RUNS}, after warm-up`);

for (const [index, { name, folders }] of cases.entries()) {
  const texts = folders.flatMap((folder) => [...walk(folder)]).map((path) => readFileSync(path, 'utf8'));
  const kb = texts.reduce((sum, t) => sum + t.length, 0) / 1024;
  // The first pass of the process, before the JIT has seen the parser, is what a single scan pays.
  const firstNew = index === 0 ? time(parseHcl, texts) : undefined;
  const firstOld = index === 0 ? time(parseHclReference, texts) : undefined;
  for (let i = 0; i < 3; i++) {
    for (const text of texts) {
      parseHcl(text);
      parseHclReference(text);
    }
  }
  const oldMs = best(parseHclReference, texts);
  const newMs = best(parseHcl, texts);
  console.log(`${name}: ${texts.length} files, ${kb.toFixed(0)} KB`);
  const first = (ms) => (ms === undefined ? '' : `   (first pass of the process: ${ms.toFixed(2)} ms)`);
  console.log(`  tree-sitter  ${oldMs.toFixed(2).padStart(8)} ms${first(firstOld)}`);
  console.log(`  hand-written ${newMs.toFixed(2).padStart(8)} ms${first(firstNew)}   ${(oldMs / newMs).toFixed(1)}x faster`);
}
