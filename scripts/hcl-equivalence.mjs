#!/usr/bin/env node
// Compares the hand-written HCL parser with the tree-sitter conversion it replaced, file by file, over
// every .tf, .tfvars and .hcl file under the folders given (run after `npm run build`):
//   node scripts/hcl-equivalence.mjs [--verbose] <folder>...
// Files tree-sitter parses without errors must come out identical (same JSON, key order included);
// for files with syntax errors only hasErrors must agree. Exits 1 when either does not hold.
import { readFileSync } from 'node:fs';
import { parseHcl } from '../dist/parse/hcl.js';
import { importTs } from './lib/import-ts.mjs';

const { initReferenceParser, parseHclReference } = await importTs('test/parse/hcl-tree-sitter-reference.ts');
import { filesUnder } from './lib/files-under.mjs';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const folders = args.filter((a) => a !== '--verbose');
if (folders.length === 0) {
  console.error('usage: node scripts/hcl-equivalence.mjs [--verbose] <folder>...');
  process.exit(2);
}

const HCL = /\.(tf|tfvars|hcl)$/i;

/** The first path at which two values differ, for the report. */
function firstDifference(a, b, path = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${path}/${key}`);
      if (found) return found;
    }
    return `${path} (key order)`;
  }
  return `${path}: tree-sitter ${JSON.stringify(a)?.slice(0, 200)} · new ${JSON.stringify(b)?.slice(0, 200)}`;
}

await initReferenceParser();
const totals = { files: 0, identical: 0, clean: 0, cleanIdentical: 0, broken: 0, brokenSameFlag: 0 };
const failures = [];
for (const folder of folders) {
  for (const path of filesUnder(folder, HCL)) {
    const text = readFileSync(path, 'utf8');
    const old = parseHclReference(text);
    const now = parseHcl(text);
    const identical = JSON.stringify(old) === JSON.stringify(now);
    totals.files++;
    if (identical) totals.identical++;
    if (old.hasErrors) {
      totals.broken++;
      if (now.hasErrors) totals.brokenSameFlag++;
      else failures.push(`${path}: tree-sitter found syntax errors, the new parser none`);
      if (!identical && verbose) console.log(`(tree-sitter errors) ${path}: ${firstDifference(old, now)}`);
    } else {
      totals.clean++;
      if (identical) totals.cleanIdentical++;
      else failures.push(`${path}: ${firstDifference(old, now)}`);
    }
  }
}

for (const failure of failures) console.log(`DIFFERENT ${failure}`);
console.log(`${totals.identical}/${totals.files} files identical`);
console.log(`  parsed by tree-sitter without errors: ${totals.cleanIdentical}/${totals.clean} identical`);
console.log(`  with tree-sitter syntax errors: ${totals.broken} (hasErrors agrees on ${totals.brokenSameFlag})`);
process.exit(failures.length === 0 ? 0 : 1);
