import type { ScanWarning } from '../core/types.js';
import type { DiscoveryRequest } from '../sources/forge/types.js';

export interface DiscoveredPlan {
  planned: { path: string; root: string; team?: string }[];
  /** Teams the forge named (when the configuration asks for them). */
  teams: string[];
}

/**
 * Repositories found on a forge, cloned into the cache. The forge clients are loaded here, and
 * only when a discovery was asked for, so that other scans and --help never pay for them.
 */
export async function planDiscovery(
  request: DiscoveryRequest,
  options: { cacheDir: string; offline?: boolean; allowFileProtocol?: boolean; onProgress?: (text: string, urgent?: boolean) => void; warnings: ScanWarning[] },
): Promise<DiscoveredPlan> {
  const [{ discoverRepositories }, { cloneDiscovered }] = await Promise.all([import('../sources/forge/discover.js'), import('../sources/forge/clone-discovered.js')]);
  const found = await discoverRepositories(request, { ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const label = `${request.forge === 'github' ? 'GitHub organization' : 'GitLab group'} ${request.owner}`;
  const planned = await cloneDiscovered(found.repositories, {
    forge: request.forge,
    ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
    ...(found.token !== undefined ? { token: found.token } : {}),
    cacheDir: options.cacheDir,
    clone: { ...(options.offline ? { offline: true } : {}), ...(options.allowFileProtocol ? { allowFileProtocol: true } : {}) },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onWarning: (message) => options.warnings.push({ file: label, message }),
  });
  return { planned, teams: found.teams };
}
