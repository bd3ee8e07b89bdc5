import type { Format } from './formats.js';

export interface OutputTarget {
  format: Format;
  /** undefined: stdout. */
  file?: string;
}

const BY_EXTENSION: Record<string, Format> = { json: 'json', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', sarif: 'sarif', svg: 'badge', txt: 'table' };

/**
 * Pairs --format and --output in the order given, so one scan writes several reports:
 * `--format html --output r.html --format sarif --output r.sarif`. An --output without its own
 * --format takes the format from its extension; at most one report goes to stdout.
 */
export function pairOutputs(formats: Format[], outputs: string[], stdoutIsTty: boolean): OutputTarget[] {
  const targets: OutputTarget[] = [];
  const count = Math.max(formats.length, outputs.length);
  for (let i = 0; i < count; i++) {
    const file = outputs[i];
    const ext = file?.split('.').pop()?.toLowerCase() ?? '';
    const format = formats[i] ?? BY_EXTENSION[ext] ?? 'json';
    targets.push({ format, ...(file !== undefined ? { file } : {}) });
  }
  if (targets.length === 0) targets.push({ format: stdoutIsTty ? 'table' : 'json' });
  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1) throw new Error(`only one report can go to stdout; give --output for the formats ${toStdout.map((t) => t.format).join(', ')}`);
  return targets;
}
