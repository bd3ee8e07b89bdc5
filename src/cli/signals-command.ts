import { DETECTORS } from '../detectors/registry.js';

/** `k8s-maturity signals`: what each detector looks for, so users can trust (and challenge) a detection. */
export function runSignals(options: { json?: boolean }): number {
  const rows = DETECTORS.map((d) => ({ id: d.id, name: d.name, kind: d.kind, description: d.description }));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  for (const row of rows) process.stdout.write(`${row.id.padEnd(22)} ${row.name}\n${' '.repeat(23)}${row.description}\n`);
  return 0;
}
