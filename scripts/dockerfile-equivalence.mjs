#!/usr/bin/env node
// Compares the hand-written Dockerfile lexer with the dockerfile-ast implementation it replaced,
// file by file, over every Dockerfile under the folders given (run after `npm run build`):
//   node scripts/dockerfile-equivalence.mjs [--verbose] <folder>...
// Dockerfiles are named Dockerfile, *.Dockerfile, Dockerfile.* or Containerfile (any case). Each
// is compared twice: as the scan reads it (decode(): \n line ends, no BOM) and as raw UTF-8 (\r
// kept). Both the DockerfileInfo and the ARG defaults behind FROM must be identical. Exits 1 on
// any difference.
import { readFileSync } from 'node:fs';
import { parseDockerfile } from '../dist/parse/dockerfile.js';
import { lexDockerfile } from '../dist/parse/dockerfile/lexer.js';
import { initialArgsReference, parseDockerfileReference } from '../dist/parse/dockerfile/reference.js';
import { decode } from '../dist/sources/repository/read-file.js';
import { filesUnder } from './lib/files-under.mjs';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const folders = args.filter((a) => a !== '--verbose');
if (folders.length === 0) {
  console.error('usage: node scripts/dockerfile-equivalence.mjs [--verbose] <folder>...');
  process.exit(2);
}

const DOCKERFILE = /^(dockerfile|containerfile)$|\.dockerfile$|^dockerfile\./i;

/** Where two parses differ, for the report. */
function difference(text) {
  let old;
  try {
    old = { info: parseDockerfileReference(text), args: [...initialArgsReference(text)] };
  } catch (error) {
    return `dockerfile-ast threw ${error.message}`;
  }
  const now = { info: parseDockerfile(text), args: [...lexDockerfile(text).initialArgs] };
  if (JSON.stringify(old) === JSON.stringify(now)) return undefined;
  const count = Math.max(old.info.instructions.length, now.info.instructions.length);
  for (let i = 0; i < count; i++) {
    const [a, b] = [JSON.stringify(old.info.instructions[i]), JSON.stringify(now.info.instructions[i])];
    if (a !== b) return `instruction ${i}: dockerfile-ast ${a?.slice(0, 300)} · new ${b?.slice(0, 300)}`;
  }
  if (JSON.stringify(old.args) !== JSON.stringify(now.args)) return `ARG defaults: dockerfile-ast ${JSON.stringify(old.args)} · new ${JSON.stringify(now.args)}`;
  return `stages: dockerfile-ast ${JSON.stringify(old.info.stages)} · new ${JSON.stringify(now.info.stages)}`;
}

const totals = { files: 0, identical: 0, rawIdentical: 0, unreadable: 0, instructions: 0 };
const failures = [];
for (const folder of folders) {
  for (const path of filesUnder(folder, DOCKERFILE)) {
    const bytes = readFileSync(path);
    const decoded = decode(bytes);
    if (decoded.text === undefined) {
      totals.unreadable++;
      if (verbose) console.log(`skipped ${path}: ${decoded.warning}`);
      continue;
    }
    totals.files++;
    totals.instructions += parseDockerfile(decoded.text).instructions.length;
    const scanned = difference(decoded.text);
    if (scanned === undefined) totals.identical++;
    else failures.push(`${path}: ${scanned}`);
    const raw = difference(bytes.toString('utf8'));
    if (raw === undefined) totals.rawIdentical++;
    else failures.push(`${path} (raw): ${raw}`);
    if (verbose && scanned === undefined && raw === undefined) console.log(`identical ${path}`);
  }
}

for (const failure of failures) console.log(`DIFFERENT ${failure}`);
console.log(`${totals.identical}/${totals.files} Dockerfiles identical as the scan reads them (${totals.instructions} instructions)`);
console.log(`${totals.rawIdentical}/${totals.files} identical as raw UTF-8`);
if (totals.unreadable > 0) console.log(`${totals.unreadable} skipped as binary or unreadable, as the scan would`);
process.exit(failures.length === 0 ? 0 : 1);
