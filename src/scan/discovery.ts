import type { ScanWarning } from '../core/types.js';
import { displayUrl } from '../core/redact.js';
import type { DiscoveryRequest } from '../sources/forge/types.js';

export interface DiscoveredPlan {
  /** position: the place in the whole discovered list, before a shard keeps its own. */
  planned: { path: string; root: string; team?: string; position: number }[];
  /** Teams the forge named (when the configuration asks for them). */
  teams: string[];
}

/**
 * Repositories found on a forge, cloned into the cache. The forge clients are loaded here, and
 * only when a discovery was asked for, so that other scans and --help never pay for them.
 */
export async function planDiscovery(
  request: DiscoveryRequest,
  options: { cacheDir: string; owns?: (path: string) => boolean; offline?: boolean; allowFileProtocol?: boolean; onProgress?: (text: string, urgent?: boolean) => void; warnings: ScanWarning[] },
): Promise<DiscoveredPlan> {
  const [{ discoverRepositories }, { cloneDiscovered }] = await Promise.all([import('../sources/forge/discover.js'), import('../sources/forge/clone-discovered.js')]);
  const found = await discoverRepositories(request, { ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const label = `${request.forge === 'github' ? 'GitHub organization' : 'GitLab group'} ${request.owner}`;
  // A shard clones only its own repositories (src/shard): by the identity the reports show.
  const position = new Map(found.repositories.map((r, index) => [r.webUrl, index]));
  const owns = options.owns;
  const wanted = owns ? found.repositories.filter((r) => owns(displayUrl(r.webUrl))) : found.repositories;
  const cloned = await cloneDiscovered(wanted, {
    forge: request.forge,
    ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
    ...(found.token !== undefined ? { token: found.token } : {}),
    cacheDir: options.cacheDir,
    clone: { ...(options.offline ? { offline: true } : {}), ...(options.allowFileProtocol ? { allowFileProtocol: true } : {}) },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onWarning: (message) => options.warnings.push({ file: label, message }),
  });
  return { planned: cloned.map((r) => ({ ...r, position: position.get(r.path) ?? 0 })), teams: found.teams };
}
