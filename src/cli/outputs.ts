import { resolve } from 'node:path';
import type { Format } from './formats.js';

export interface OutputTarget {
  format: Format;
  /** undefined: stdout. */
  file?: string;
}

/** One `--format` or `--output` as it appeared on the command line, in order. */
export type OutputArgument = { kind: 'format'; value: Format } | { kind: 'output'; value: string };

/** An output request that cannot be honoured: the CLI prints it and exits 2 before scanning. */
export class OutputArgumentError extends Error {
  constructor(message: string) {
    super(message);
    // Named like the other "could not run" errors, so scan-command treats it as one.
    this.name = 'ScanInputError';
  }
}

const BY_EXTENSION: Record<string, Format> = { json: 'json', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', sarif: 'sarif', svg: 'badge', txt: 'table' };
/** Extensions that clearly name another format (a `.txt` file can hold anything readable). */
const TELLING_EXTENSIONS = new Set(['json', 'md', 'markdown', 'html', 'htm', 'sarif', 'svg']);

/**
 * Pairs `--format` and `--output` by where they stand on the command line, never by counting:
 *
 * - an `--output` belongs to the nearest `--format` before it that has no output yet;
 * - an `--output` with no such `--format` takes the format from its extension (json when it has none
 *   that names a format);
 * - a `--format` that no `--output` follows goes to stdout, and only one report can go there;
 * - a file whose extension names another format than the one paired with it is refused (`--format
 *   table --output org.json` is a slip, not a wish), except SARIF in a `.json` file.
 *
 * So `--format table --format json --output org.json` prints the table and writes JSON to org.json.
 */
export function pairOutputs(sequence: readonly OutputArgument[], stdoutIsTty: boolean): OutputTarget[] {
  const targets: OutputTarget[] = [];
  let waiting: OutputTarget | undefined;
  for (const argument of sequence) {
    if (argument.kind === 'format') {
      waiting = { format: argument.value };
      targets.push(waiting);
      continue;
    }
    const file = argument.value;
    const extension = extensionOf(file);
    if (waiting) {
      const named = BY_EXTENSION[extension];
      if (named !== undefined && named !== waiting.format && TELLING_EXTENSIONS.has(extension) && !(waiting.format === 'sarif' && extension === 'json')) {
        throw new OutputArgumentError(`--format ${waiting.format} --output ${file}: the extension .${extension} is for ${named}; write --format ${named} before --output ${file}, or give the file another name`);
      }
      waiting.file = file;
      waiting = undefined;
    } else {
      targets.push({ format: BY_EXTENSION[extension] ?? 'json', file });
    }
  }
  if (targets.length === 0) targets.push({ format: stdoutIsTty ? 'table' : 'json' });

  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1) {
    throw new OutputArgumentError(
      `only one report can go to stdout, and --format ${toStdout.map((t) => t.format).join(' and --format ')} have no --output after them: put --output FILE right after each --format that should go to a file`,
    );
  }
  const seen = new Map<string, Format>();
  for (const target of targets) {
    if (target.file === undefined) continue;
    const key = resolve(target.file);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new OutputArgumentError(`--output ${target.file} is given twice (for ${earlier} and ${target.format}): give each report its own file`);
    seen.set(key, target.format);
  }
  return targets;
}

function extensionOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}
