import { DETECTORS } from '../detectors/registry.js';
import type { DetectorDefinition } from '../detectors/detector.js';
import { loadConfig } from '../config/load.js';
import { loadModel } from '../model/load.js';

/**
 * `k8s-maturity signals`: what each detector looks for, so users can trust (and challenge) a
 * detection; with the configuration's own signals (`signals:`) and where each was defined.
 */
export async function runSignals(options: { json?: boolean; config?: string }): Promise<number> {
  const cwd = process.cwd();
  const { config, path, baseDir } = await loadConfig(options.config, cwd);
  let own: readonly DetectorDefinition[] = [];
  if (config.signals?.length) {
    const { applyUserSignals } = await import('../signals/apply.js');
    own = applyUserSignals(config.signals, baseDir, path ? path.slice(baseDir.length + 1) || path : '.k8s-maturity.yaml', await loadModel()).detectors;
  }
  const rows = [...DETECTORS, ...own].map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    ...(d.category ? { category: d.category } : {}),
    description: d.description,
    ...(d.definedIn && !d.definedIn.startsWith('src/') ? { definedIn: d.definedIn } : {}),
  }));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  for (const row of rows) {
    const tags = [row.category, row.definedIn ? `defined in ${row.definedIn}` : undefined].filter(Boolean).join('; ');
    process.stdout.write(`${row.id.padEnd(22)} ${row.name}${tags ? ` (${tags})` : ''}\n${' '.repeat(23)}${row.description}\n`);
  }
  return 0;
}
