import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { EolTableData } from '../core/detector-settings.js';
import { ConfigError } from './load.js';
import { formatPath } from './parse.js';

/*
 * `eolTable:` — an organization's own end-of-life dates for base images, merged over the table
 * shipped with the eol-base-images detector. Same shape as that table (eol-table.json), in YAML or
 * JSON; every entry is checked here, so a typo is an error with its place, never a silent skip.
 * A configuration that is scanned content may only name a table inside its repository: trust.ts
 * drops one outside it, with a warning, before this is called.
 */

const MAX_TABLE_BYTES = 1024 * 1024;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const date = (what: string) => z.string({ invalid_type_error: `expected ${what} as a date YYYY-MM-DD (quoted in YAML)` }).regex(ISO_DATE, `expected ${what} as a date YYYY-MM-DD`);
// YAML reads `3.10` as the number 3.1: only whole numbers are safe to take unquoted.
const cycle = z
  .unknown()
  .refine((v) => (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isInteger(v)), { message: "expected a version like '20' or '3.10' (quote versions with a dot)" })
  .transform((v) => String(v));

const tableSchema = z
  .object({
    asOf: date('the day the table is correct as of').optional(),
    note: z.string().optional(),
    images: z.record(
      z.string().min(1),
      z.array(z.object({ cycle, eol: date('the end-of-life day') }).strict(), { invalid_type_error: 'expected a list of { cycle, eol }' }),
      { invalid_type_error: 'expected a mapping of image name to a list of { cycle, eol }' },
    ),
    aliases: z.record(z.string().min(1), z.record(z.string().min(1), cycle, { invalid_type_error: 'expected a mapping of tag word to cycle' })).optional(),
  })
  .strict();

export interface EolTableSource {
  /** The value of `eolTable:` as written. */
  path: string;
  /** The configuration file's folder: relative paths start there. */
  baseDir: string;
  /** The configuration file as shown in messages. */
  configLabel: string;
}

/** Reads and checks the table; ConfigError (exit 2) with the file, the key and the fix otherwise. */
export async function loadEolTableFile(source: EolTableSource): Promise<EolTableData> {
  const file = resolve(source.baseDir, source.path);
  const where = `${source.configLabel}: eolTable`;
  let size: number;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw new ConfigError('CONFIG_INVALID', [`${where}: ${source.path} is not a file`]);
    size = stats.size;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('CONFIG_INVALID', [`${where}: ${source.path}: no such file (looked at ${file}; relative paths start from the configuration's folder)`]);
  }
  if (size > MAX_TABLE_BYTES) throw new ConfigError('CONFIG_INVALID', [`${where}: ${source.path} is ${size} bytes, over the ${MAX_TABLE_BYTES} an end-of-life table may have`]);
  const text = await readFile(file, 'utf8');
  const doc = parseDocument(text, { uniqueKeys: true });
  const name = relative(source.baseDir, file) || source.path;
  if (doc.errors.length > 0) throw new ConfigError('CONFIG_SYNTAX', doc.errors.slice(0, 5).map((e) => `${name}: YAML syntax error: ${e.message.split('\n')[0]}`));
  const parsed = tableSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    throw new ConfigError('CONFIG_INVALID', parsed.error.issues.slice(0, 10).map((issue) => `${name}: ${formatPath(issue.path)}: ${issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.join(', ')} (known: asOf, note, images, aliases)` : issue.message}`));
  }
  const { asOf, images, aliases } = parsed.data;
  return { ...(asOf !== undefined ? { asOf } : {}), images: lowerKeys(images), ...(aliases !== undefined ? { aliases: lowerKeys(aliases) } : {}) };
}

function lowerKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}
