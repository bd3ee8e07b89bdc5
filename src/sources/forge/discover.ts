import { selectRepositories } from './filter.js';
import { listGithubOrganization } from './github.js';
import { listGitlabGroup } from './gitlab.js';
import { forgeToken, tokenVariable } from './token.js';
import type { Discovery, DiscoveryRequest, OnProgress } from './types.js';

/**
 * Lists what a discovery request names and keeps what its filters select. The token is read here
 * and only passed to the client of the forge asked for (whose base URL the user chose).
 */
export async function discoverRepositories(request: DiscoveryRequest, options: { env?: NodeJS.ProcessEnv; onProgress?: OnProgress } = {}): Promise<Discovery & { token?: string }> {
  const onProgress = options.onProgress ?? (() => undefined);
  const token = forgeToken(request.forge, request.tokenFile, options.env);
  if (token === undefined) onProgress(`no ${tokenVariable(request.forge)} or --token-file: listing anonymously (public repositories, low rate limits)`);
  const clientOptions = { ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}), ...(token !== undefined ? { token } : {}), ...(request.teams ? { teams: true } : {}), onProgress };
  const listed = request.forge === 'github' ? await listGithubOrganization(request.owner, clientOptions) : await listGitlabGroup(request.owner, clientOptions);
  const { selected, skipped } = selectRepositories(listed.repositories, request);
  onProgress(`found ${selected.length} repositories to scan in ${request.owner}${describeSkipped(skipped)}`);
  return { repositories: selected, teams: listed.teams, skipped, ...(token !== undefined ? { token } : {}) };
}

function describeSkipped(skipped: Record<string, number>): string {
  const parts = Object.entries(skipped).map(([reason, count]) => `${count} ${reason}`);
  return parts.length === 0 ? '' : ` (left out: ${parts.join(', ')})`;
}
