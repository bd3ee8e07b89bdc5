#!/usr/bin/env node
// Compares parseYaml's fast path with the reference (js-yaml and its node listener), file by file,
// over every .yaml and .yml file under the folders given (run after `npm run build`):
//   node scripts/yaml-equivalence.mjs <folder>...
// Wherever the fast path answers, parseYaml must give exactly what the reference gives: the same
// documents (values deep-equal, key order and types included), flags and errors, and the same
// line on every mapping, key, sequence and item. Prints each difference and a summary; exits 1
// on any difference. firstYamlDifference is also what test/parse/yaml-fast.test.ts compares with.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './lib/files-under.mjs';

const YAML = /\.ya?ml$/i;
const MAX_BYTES = 2 * 1024 * 1024;
const LIMITS = { maxDocuments: 1000, maxNodes: 1_000_000 };

/** `.name` for a key that reads as an identifier, `["…"]` otherwise. */
const step = (key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
const show = (value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : Object.is(value, -0) ? '-0' : JSON.stringify(value)?.slice(0, 120) ?? String(value));
const kind = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * The first place where two parseYaml results differ, as a path and "reference vs fast", or
 * undefined when they are identical. `lineOf` must come from the same build as the results (the
 * positions hide under a symbol private to each copy of the module).
 */
export function firstYamlDifference(reference, fast, lineOf) {
  const errors = compareList('errors', reference.errors, fast.errors, (path, a, b) => (a === b ? undefined : `${path} ${show(a)} vs ${show(b)}`));
  if (errors) return errors;
  const seen = new Map();
  return compareList('documents', reference.documents, fast.documents, (path, a, b) => {
    for (const flag of ['line', 'templated', 'partial']) {
      if (a[flag] !== b[flag]) return `${path}.${flag} ${a[flag]} vs ${b[flag]}`;
    }
    const extra = [Object.keys(a).join(), Object.keys(b).join()];
    if (extra[0] !== extra[1]) return `${path} fields ${extra[0]} vs ${extra[1]}`;
    return compareValue(`${path}.value`, a.value, b.value, lineOf, seen);
  });
}

function compareList(path, a, b, compareItem) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const found = compareItem(`${path}[${i}]`, a[i], b[i], i);
    if (found) return found;
  }
  return a.length === b.length ? undefined : `${path} length ${a.length} vs ${b.length}`;
}

function compareValue(path, a, b, lineOf, seen) {
  if (kind(a) !== kind(b)) return `${path} ${kind(a)} ${show(a)} vs ${kind(b)} ${show(b)}`;
  if (a === null || typeof a !== 'object') return Object.is(a, b) ? undefined : `${path} ${show(a)} vs ${show(b)}`;
  // Aliases share one object: compare each pair once (an alias bomb's value is never walked twice),
  // and a node shared in one result must be shared the same way in the other.
  if (seen.has(a)) return seen.get(a) === b ? undefined : `${path} shared node in the reference, not in the fast result`;
  seen.set(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path} prototype differs`;
  const [lineA, lineB] = [lineOf(a, undefined, -1), lineOf(b, undefined, -1)];
  if (lineA !== lineB) return `${path} line ${lineA} vs ${lineB}`;
  if (Array.isArray(a)) {
    return compareList(path, a, b, (itemPath, x, y, i) => {
      const [la, lb] = [lineOf(a, i, -1), lineOf(b, i, -1)];
      return la !== lb ? `${itemPath} line ${la} vs ${lb}` : compareValue(itemPath, x, y, lineOf, seen);
    });
  }
  const [keysA, keysB] = [Object.keys(a), Object.keys(b)];
  if (keysA.join('\0') !== keysB.join('\0')) return `${path} keys ${show(keysA)} vs ${show(keysB)}`;
  for (const key of keysA) {
    const [la, lb] = [lineOf(a, key, -1), lineOf(b, key, -1)];
    if (la !== lb) return `${path}${step(key)} key line ${la} vs ${lb}`;
    const found = compareValue(`${path}${step(key)}`, a[key], b[key], lineOf, seen);
    if (found) return found;
  }
  return undefined;
}

async function main(folders) {
  const { lineOf, parseYaml, yamlFastPathCounts } = await import('../dist/parse/yaml.js');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const totals = { files: 0, skipped: 0, documents: 0, identical: 0, different: 0, fast: 0, fallback: 0, referenceMs: 0, fastMs: 0 };
  for (const folder of folders) {
    for (const path of filesUnder(folder, YAML)) {
      let text;
      try {
        if (statSync(path).size > MAX_BYTES) throw new Error('too large');
        text = utf8.decode(readFileSync(path));
      } catch {
        totals.skipped++;
        continue;
      }
      totals.files++;
      let started = performance.now();
      const reference = parseYaml(text, { ...LIMITS, reference: true });
      totals.referenceMs += performance.now() - started;
      const before = yamlFastPathCounts();
      started = performance.now();
      let difference;
      try {
        const fast = parseYaml(text, LIMITS);
        totals.fastMs += performance.now() - started;
        difference = firstYamlDifference(reference, fast, lineOf);
      } catch (error) {
        difference = `the fast parse threw ${error}`;
      }
      const after = yamlFastPathCounts();
      totals.fast += after.fast - before.fast;
      totals.fallback += after.fallback - before.fallback;
      totals.documents += reference.documents.length;
      if (difference) {
        totals.different++;
        console.log(`DIFFERENT ${path}: ${difference}`);
      } else totals.identical++;
    }
  }
  const t = totals;
  console.log(`${t.files} files (${t.skipped} skipped: over 2 MB or not UTF-8), ${t.documents} documents`);
  console.log(`  identical: ${t.identical} files, different: ${t.different}`);
  console.log(`  fast path answered ${t.fast} documents, fell back to js-yaml for ${t.fallback}`);
  console.log(`  reference ${t.referenceMs.toFixed(0)} ms, fast ${t.fastMs.toFixed(0)} ms`);
  return t.different === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folders = process.argv.slice(2);
  if (folders.length === 0) {
    console.error('usage: node scripts/yaml-equivalence.mjs <folder>...');
    process.exit(2);
  }
  process.exit((await main(folders)) ? 0 : 1);
}
