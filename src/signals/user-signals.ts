/**
 * Signals a user defines: entries of `signals:` in .k8s-maturity.yaml, and signal files in folders
 * named there (`- include: signals/`). They are data only (patterns, never commands) and read
 * through the schema of the built-in signal files; an included folder must lie inside the
 * configuration's folder, so a configuration found in a scanned repository cannot name files
 * outside it.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { signalDefinitionSchema, type SignalDefinition, type SignalFile } from './schema.js';

/** One entry of `signals:` in the configuration: a definition, or a folder of signal files. */
export const includeSchema = z
  .object({ include: z.string().min(1).describe('a folder of signal files (*.yaml), relative to the configuration file, e.g. "signals/"') })
  .strict()
  .describe('{ include: <folder> }');

export const signalEntrySchema = z
  .unknown()
  .describe('a signal definition { id, name, category?, capability?, description, footprint } or { include: <folder> }')
  .superRefine((value, ctx) => {
    const schema = typeof value === 'object' && value !== null && 'include' in value ? includeSchema : signalDefinitionSchema;
    const parsed = schema.safeParse(value);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      const message = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove it or check its spelling (see docs/configuration.md, "Your own signals")` : issue.message;
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message });
    }
  });

const MAX_SIGNAL_FILES = 200;
const MAX_SIGNAL_FILE_BYTES = 256 * 1024;

/** A configuration's signals that cannot be used; each problem names the file, the key and the fix. */
export class SignalConfigError extends Error {
  override name = 'SignalConfigError';
}

/**
 * The signal files of a configuration's `signals:` entries (already checked by the configuration
 * schema), with includes read. `label` is how the configuration file is shown.
 */
export function userSignalFiles(entries: readonly unknown[], baseDir: string, label: string): SignalFile[] {
  const files: SignalFile[] = [];
  entries.forEach((entry, index) => {
    const include = includeSchema.safeParse(entry);
    if (include.success) files.push(...readFolder(include.data.include, baseDir, `${label}: signals[${index}].include`));
    else files.push({ definedIn: `${label} (signals[${index}])`, definition: signalDefinitionSchema.parse(entry) });
  });
  const seen = new Map<string, string>();
  for (const file of files) {
    const id = (file.definition as SignalDefinition).id;
    const first = seen.get(id);
    if (first !== undefined) throw new SignalConfigError(`${file.definedIn}: signal "${id}" is already defined in ${first}: give each signal its own id`);
    seen.set(id, file.definedIn);
  }
  return files;
}

function readFolder(folder: string, baseDir: string, where: string): SignalFile[] {
  if (isAbsolute(folder)) throw new SignalConfigError(`${where}: "${folder}" is an absolute path: name a folder inside the configuration's folder, e.g. "signals/"`);
  const path = resolve(baseDir, folder);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new SignalConfigError(`${where}: no folder "${folder}" next to the configuration: create it or fix the path`);
  }
  const base = realpathSync(baseDir);
  const inside = relative(base, real);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new SignalConfigError(`${where}: "${folder}" leads outside the configuration's folder: keep signal files beside the configuration`);
  }
  if (!statSync(real).isDirectory()) throw new SignalConfigError(`${where}: "${folder}" is not a folder: name the folder that holds the signal files`);
  const names = readdirSync(real).filter((name) => /\.ya?ml$/i.test(name)).sort();
  if (names.length > MAX_SIGNAL_FILES) throw new SignalConfigError(`${where}: "${folder}" holds ${names.length} signal files, more than ${MAX_SIGNAL_FILES}: split the folder`);
  return names.map((name) => readSignalFile(join(real, name), `${folder.replace(/\/+$/, '')}${sep === '/' ? '/' : '\\'}${name}`.replace(/\\/g, '/'), base));
}

function readSignalFile(path: string, shown: string, base: string): SignalFile {
  // A signal file that is a link out of the folder is refused like a path that leads out.
  const real = realpathSync(path);
  if (relative(base, real).startsWith('..')) throw new SignalConfigError(`${shown}: links outside the configuration's folder: copy the file in instead`);
  const stats = statSync(real);
  if (!stats.isFile() || stats.size > MAX_SIGNAL_FILE_BYTES) throw new SignalConfigError(`${shown}: not a signal file of at most ${MAX_SIGNAL_FILE_BYTES / 1024} KB`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(real, 'utf8'), { maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    throw new SignalConfigError(`${shown}: YAML syntax error: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = signalDefinitionSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => {
      const key = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || '(top level)';
      const message = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove it or check its spelling` : issue.message;
      return `${shown}: ${key}: ${message}`;
    });
    throw new SignalConfigError(issues.join('\n'));
  }
  return { definedIn: shown, definition: parsed.data };
}
