#!/usr/bin/env node
// `npm run new-signal <id>`: scaffolds src/detectors/<id>/ for a tool described as data: a
// signal.yaml to fill in, fixtures/found/ (a small repository that uses the tool),
// fixtures/expected.txt (the places it must report) and fixtures/not-found/ (look-alikes), then
// regenerates the registry. src/detectors/signal-files.test.ts runs it; docs/writing-a-detector.md
// says what to write.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const id = process.argv[2];
if (!id || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
  console.error('usage: npm run new-signal <id>   (lower-case words joined by dashes, e.g. "shipit")');
  process.exit(2);
}
const root = join(fileURLToPath(new URL('..', import.meta.url)), 'src', 'detectors', id);
if (existsSync(root)) {
  console.error(`src/detectors/${id} already exists`);
  process.exit(2);
}
mkdirSync(join(root, 'fixtures', 'found'), { recursive: true });
mkdirSync(join(root, 'fixtures', 'not-found'), { recursive: true });
writeFileSync(
  join(root, 'signal.yaml'),
  `# The format users write too: docs/configuration.md "Your own signals", docs/signal.schema.json.
id: ${id}
name: ${id}
# A category a capability accepts (docs/signals.md lists them), e.g. ci, cd, metrics-backend.
category: TODO
description: >-
  What counts as evidence, in a sentence: which files, images, charts, objects, commands.
remediation: >-
  How to adopt the tool, in a sentence.
footprint:
  # Keep what applies, delete the rest. Globs and command words; "/regex/" only when needed.
  files: [{ glob: "**/${id}.yaml", contains: "TODO" }]
  images: ["TODO/${id}"]
  charts: ["${id}"]
  objects: [{ group: "TODO.io" }]
  commands: ["${id} deploy"]
`,
);
writeFileSync(join(root, 'fixtures', 'expected.txt'), '# file:line, one a line: every place the signal must report in fixtures/found/\n');
writeFileSync(join(root, 'fixtures', 'not-found', 'README.md'), `# Notes\n\nWe looked at ${id} once. A mention is never evidence.\n`);
execFileSync('node', [fileURLToPath(new URL('./generate-registry.mjs', import.meta.url))], { stdio: 'inherit' });
console.log(`created src/detectors/${id}/: fill in signal.yaml, add a repository to fixtures/found/ and its places to fixtures/expected.txt,
then run: npx vitest run src/detectors/signal-files.test.ts && npm run build && node scripts/signals-doc.mjs`);
