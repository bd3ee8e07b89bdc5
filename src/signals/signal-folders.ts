/**
 * Reads the built-in signal files, src/detectors/<id>/signal.yaml, into what a scan uses. The
 * build runs this once and writes the result as JSON beside the compiled code (scripts/bundle.mjs),
 * so the CLI parses one JSON file instead of a hundred YAML files; tests, run from the sources,
 * read the YAML through it directly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import type { SignalFile } from './schema.js';

/**
 * Where the build writes the built-in signal files as JSON: dist/detectors/signal-files.json. The
 * same path from dist/signals/ and from the bundle in dist/bundle/ (same depth); from the sources
 * it names a file that does not exist, and the YAML is read instead.
 */
export const BUILTIN_SIGNALS_DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'detectors', 'signal-files.json');

/** Every `<dir>/<id>/signal.yaml`, by id in folder order, each with where it was written. */
export function readSignalFolders(dir: string): Record<string, SignalFile> {
  const files: Record<string, SignalFile> = {};
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'signal.yaml')))
    .map((entry) => entry.name)
    .sort();
  for (const id of ids) {
    files[id] = { definedIn: `src/detectors/${id}/signal.yaml`, definition: jsyaml.load(readFileSync(join(dir, id, 'signal.yaml'), 'utf8')) };
  }
  return files;
}
