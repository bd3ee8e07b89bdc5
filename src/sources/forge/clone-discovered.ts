import { ensureClone, type CloneOptions } from '../repository/clone.js';
import { cloneUrlWithToken } from './credentials.js';
import type { DiscoveredRepository, ForgeKind, OnProgress } from './types.js';

export interface ClonedRepository {
  /** The repository's web address: how reports show it. */
  path: string;
  root: string;
  team?: string;
}

/**
 * Clones (blobless, into the cache) or refreshes each discovered repository through the same
 * machinery as configured git URLs. One that cannot be cloned is a warning, the rest go on: in an
 * organization of thousands, one broken repository must not stop the scan.
 */
export async function cloneDiscovered(
  repositories: readonly DiscoveredRepository[],
  options: { forge: ForgeKind; baseUrl?: string; token?: string; cacheDir: string; clone?: CloneOptions; onProgress?: OnProgress; onWarning: (message: string) => void },
): Promise<ClonedRepository[]> {
  // A few clones at once: each waits mostly on the network, and an organization has thousands.
  const results: (ClonedRepository | undefined)[] = new Array(repositories.length);
  const failures: (string | undefined)[] = new Array(repositories.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let index = next++; index < repositories.length; index = next++) {
      const repo = repositories[index]!;
      try {
        const { path } = await ensureClone(cloneUrlFor(repo, options), options.cacheDir, options.clone ?? {});
        results[index] = { path: repo.webUrl, root: path, ...(repo.team !== undefined ? { team: repo.team } : {}) };
      } catch (error) {
        const message = (error as Error).message;
        failures[index] = `${repo.fullName} was not scanned: ${options.token ? message.split(options.token).join('***') : message}`;
      }
      options.onProgress?.(`cloned ${++done}/${repositories.length} · ${repo.fullName}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CLONES_AT_ONCE, repositories.length) }, worker));
  // Plan and warnings in the (sorted) discovery order, whatever order the clones finished in.
  for (const failure of failures) if (failure !== undefined) options.onWarning(failure);
  return results.filter((r): r is ClonedRepository => r !== undefined);
}

const CLONES_AT_ONCE = 4;

/**
 * The URL git is given: with the token for the forge's own host (cloneUrlWithToken), which
 * clone.ts takes out again and hands to git through its credential helper, so it reaches neither
 * a command line nor the clone's .git/config.
 */
function cloneUrlFor(repo: DiscoveredRepository, options: { forge: ForgeKind; baseUrl?: string; token?: string }): string {
  return cloneUrlWithToken(repo.cloneUrl, options.forge, options.baseUrl, options.token);
}
