import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { chooseStore, type StoreLocation } from '../store/location.js';
import { parseRetention, type Retention } from '../store/window.js';

/**
 * The store settings a command uses: `--store`, then the configuration's `store:` (a URL, or
 * { url, save, keep }), then K8S_MATURITY_STORE, then the default file.
 */
export interface StoreSettings {
  location: StoreLocation;
  /** store.save: true in the configuration. */
  saveByConfig: boolean;
  keep?: Retention;
  configPath?: string;
}

export async function storeSettings(flag: string | undefined, configPath: string | undefined, cwd: string = process.cwd()): Promise<StoreSettings> {
  const { loadConfig } = await import('../config/load.js');
  const loaded: LoadedConfig = await loadConfig(configPath, cwd);
  let store = loaded.config.store;
  // The trust model (src/config/trust.ts): a configuration that is scanned content (found here, not
  // named, inside a git work tree) must not choose where assessments go, nor make scans record.
  if (store !== undefined && configPath === undefined) {
    const { decideTrust } = await import('../config/trust.js');
    const decision = decideTrust(loaded, { named: false, scannedPaths: [] });
    if (decision.trust === 'scanned') {
      process.stderr.write(`k8s-maturity: store: ignored: ${loaded.path} is treated as scanned content (${decision.reason}); name it with --config if you trust it\n`);
      store = undefined;
    }
  }
  const url = typeof store === 'string' ? store : store?.url;
  // A relative sqlite path in the configuration is relative to the configuration's folder.
  const location = chooseStore({ flag, config: url, cwd: flag !== undefined ? cwd : loaded.baseDir });
  const keep = typeof store === 'object' && store.keep !== undefined ? parseRetention(store.keep) : undefined;
  return {
    location,
    saveByConfig: typeof store === 'object' && store.save === true,
    ...(keep ? { keep } : {}),
    ...(loaded.path ? { configPath: loaded.path } : {}),
  };
}

/** Where `--save` keeps a report until it is recorded: `$XDG_STATE_HOME/k8s-maturity/spool`. */
export function spoolDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return resolve(base, 'k8s-maturity', 'spool');
}
