import { parseRetention } from '../store/window.js';

/** `k8s-maturity store prune`: applies the retention (`--keep`, else store.keep) and says what went. */
export async function runPrune(options: { store?: string; config?: string; keep?: string; quiet?: boolean }): Promise<number> {
  const { storeSettings } = await import('./store-choice.js');
  const { openStore } = await import('../store/open.js');
  const { pruneAssessments } = await import('../store/queries.js');
  const settings = await storeSettings(options.store, options.config);
  let keep;
  try {
    keep = options.keep !== undefined ? parseRetention(options.keep) : settings.keep;
  } catch (error) {
    process.stderr.write(`k8s-maturity: ${(error as Error).message.replace(/^store\.keep/, '--keep')}\n`);
    return 2;
  }
  if (keep === undefined) {
    process.stderr.write('k8s-maturity: nothing to prune by: give --keep 400d (or a count), or set store.keep in the configuration\n');
    return 2;
  }
  const store = await openStore(settings.location);
  try {
    const removed = await pruneAssessments(store, keep);
    if (!options.quiet) process.stderr.write(`k8s-maturity: pruned ${removed} assessment${removed === 1 ? '' : 's'} from ${settings.location.shown}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `k8s-maturity store info`: where the store is, its schema version and what it holds. */
export async function runInfo(options: { store?: string; config?: string; json?: boolean }): Promise<number> {
  const { storeSettings } = await import('./store-choice.js');
  const { openStore, schemaVersion } = await import('../store/open.js');
  const { listAssessments } = await import('../store/queries.js');
  const settings = await storeSettings(options.store, options.config);
  const store = await openStore(settings.location);
  try {
    const all = await listAssessments(store, { order: 'asc' });
    const info = {
      store: settings.location.shown,
      engine: store.engine,
      schemaVersion: await schemaVersion(store.db),
      assessments: all.length,
      first: all[0]?.at ?? null,
      last: all[all.length - 1]?.at ?? null,
      organizations: [...new Set(all.map((a) => a.organization))],
    };
    process.stdout.write(options.json ? `${JSON.stringify(info, null, 2)}\n` : `${Object.entries(info).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
