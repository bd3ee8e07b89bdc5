import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_CONFIG } from './defaults.js';
import type { OrgConfig } from './schema.js';

export { CONFIG_FILE_NAME, ConfigError, type ConfigErrorCode } from './errors.js';
import { CONFIG_FILE_NAME, ConfigError } from './errors.js';
/** Also accepted when looking in a folder, in this order after CONFIG_FILE_NAME. */
export const CONFIG_FILE_ALTERNATES = ['.k8s-maturity.yml'] as const;

const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  config: OrgConfig;
  /** The file read, absolute; absent when no file was found and the default applies. */
  path?: string;
  /** The folder relative paths in the file are resolved against (the file's folder, or cwd). */
  baseDir: string;
}

/** The configuration used when there is no file: one organization, one team, no clusters. */
export function defaultConfig(): OrgConfig {
  return structuredClone(DEFAULT_CONFIG);
}

/**
 * Loads `.k8s-maturity.yaml`: from `path` when given (missing file → CONFIG_NOT_FOUND), otherwise
 * from `cwd` when it is there (absent → the default configuration, no error).
 */
export async function loadConfig(path: string | undefined, cwd: string): Promise<LoadedConfig> {
  let file: string | undefined;
  if (path !== undefined) {
    file = resolve(cwd, path);
    if (!(await isFile(file))) {
      throw new ConfigError('CONFIG_NOT_FOUND', [`${path}: no such file: check the --config path (relative paths start from ${cwd})`]);
    }
  } else {
    for (const name of [CONFIG_FILE_NAME, ...CONFIG_FILE_ALTERNATES]) {
      const candidate = resolve(cwd, name);
      if (await isFile(candidate)) {
        file = candidate;
        break;
      }
    }
    if (file === undefined) return { config: defaultConfig(), baseDir: resolve(cwd) };
  }
  const shown = displayName(file, cwd);
  let text: string;
  try {
    const stats = await stat(file);
    if (stats.size > MAX_CONFIG_BYTES) {
      throw new ConfigError('CONFIG_UNREADABLE', [`${shown}: ${stats.size} bytes is too large for a configuration file (limit ${MAX_CONFIG_BYTES})`]);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('CONFIG_UNREADABLE', [`${shown}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  // The YAML parser and the schema are loaded only when there is a file to check.
  const { parseConfig } = await import('./parse.js');
  return { config: parseConfig(text, shown), path: file, baseDir: dirname(file) };
}

function displayName(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
