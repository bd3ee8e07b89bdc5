/**
 * The built-in signal files (src/detectors/<id>/signal.yaml) as data: built, one JSON file the
 * build writes (BUILTIN_SIGNALS_DATA); from the sources (tests), the YAML files themselves.
 * Validated by src/detectors/registry.test.ts, not on every run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignalFile } from '../signals/schema.js';
import { BUILTIN_SIGNALS_DATA, readSignalFolders } from '../signals/signal-folders.js';

export const BUILTIN_SIGNAL_FILES: Readonly<Record<string, SignalFile>> = readBuiltinSignalFiles();

function readBuiltinSignalFiles(): Record<string, SignalFile> {
  if (existsSync(BUILTIN_SIGNALS_DATA)) return JSON.parse(readFileSync(BUILTIN_SIGNALS_DATA, 'utf8')) as Record<string, SignalFile>;
  const files = readSignalFolders(dirname(fileURLToPath(import.meta.url)));
  if (Object.keys(files).length === 0) throw new Error(`no built-in signal files: ${BUILTIN_SIGNALS_DATA} is missing (run \`npm run build\`)`);
  return files;
}
