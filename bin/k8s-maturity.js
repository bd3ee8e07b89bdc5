#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/, linked into dist/bundle/ (both built by
// `npm ci` through `prepare`; see scripts/bundle.mjs for why it is bundled).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const main = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('k8s-maturity: not built yet: run `npm ci` (or `npm run build`) in the checkout first\n');
  process.exit(2);
}
// `k8s-maturity signals | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv);
