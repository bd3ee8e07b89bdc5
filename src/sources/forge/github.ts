import { importEsm } from '../../core/import-esm.js';
import { withoutToken } from './token.js';
import { DiscoveryError, type DiscoveredRepository, type OnProgress } from './types.js';

/**
 * GitHub (github.com or Enterprise Server): the organization's repositories, and which team holds
 * each when asked. @octokit/rest with the throttling plugin (a primary limit waits for its reset, a
 * secondary one for its Retry-After; both are said on the progress line) and the retry plugin
 * (server errors). Loaded only here, so scans without discovery never pay for it.
 */

interface GithubRepo {
  full_name: string;
  clone_url?: string;
  html_url: string;
  archived?: boolean;
  fork: boolean;
  topics?: string[];
  permissions?: Partial<Record<Permission, boolean>>;
}
interface GithubTeam {
  slug: string;
  name: string;
}
type Permission = 'admin' | 'maintain' | 'push' | 'triage' | 'pull';
/** Strongest first: a repository belongs to the team with the most say over it. */
const PERMISSIONS: Permission[] = ['admin', 'maintain', 'push', 'triage', 'pull'];

/** The few calls we make, typed here rather than pulling Octokit's types into the build. */
interface Client {
  paginate<T>(route: string, parameters: Record<string, unknown>): Promise<T[]>;
}

/** Attempts per request under a rate limit before giving up (each waits as long as the forge says). */
const MAX_LIMIT_RETRIES = 3;

export async function githubClient(options: { baseUrl?: string; token?: string; onProgress: OnProgress }): Promise<Client> {
  type OctokitModule = typeof import('@octokit/rest');
  const [{ Octokit }, { throttling }, { retry }] = await Promise.all([
    importEsm<OctokitModule>('@octokit/rest'),
    importEsm<typeof import('@octokit/plugin-throttling')>('@octokit/plugin-throttling'),
    importEsm<typeof import('@octokit/plugin-retry')>('@octokit/plugin-retry'),
  ]);
  const Forge = Octokit.plugin(throttling, retry);
  const quiet = () => undefined;
  const wait = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _client: unknown, retryCount: number) => {
    if (retryCount >= MAX_LIMIT_RETRIES) return false;
    options.onProgress(`GitHub ${kind} rate limit reached: waiting ${retryAfter}s before ${request.method} ${request.url} again`, true);
    return true;
  };
  return new Forge({
    ...(options.token !== undefined ? { auth: options.token } : {}),
    ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
    userAgent: 'k8s-maturity',
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    throttle: { onRateLimit: wait('primary'), onSecondaryRateLimit: wait('secondary') },
    request: { retries: 2 },
  }) as unknown as Client;
}

export async function listGithubOrganization(org: string, options: { baseUrl?: string; token?: string; teams?: boolean; onProgress: OnProgress }): Promise<{ repositories: DiscoveredRepository[]; teams: string[] }> {
  const client = await githubClient(options);
  const fail = (what: string, error: unknown) => new DiscoveryError('DISCOVERY_FAILED', withoutToken(`cannot list ${what} on GitHub${options.baseUrl ? ` (${options.baseUrl})` : ''}: ${describe(error)}`, options.token));
  options.onProgress(`listing the repositories of GitHub organization ${org}`);
  let listed: GithubRepo[];
  try {
    listed = await client.paginate<GithubRepo>('GET /orgs/{org}/repos', { org, type: 'all', per_page: 100 });
  } catch (error) {
    throw fail(`the repositories of organization ${org}`, error);
  }
  const repositories = listed.filter(isRepo).map(
    (r): DiscoveredRepository => ({ fullName: r.full_name, cloneUrl: r.clone_url ?? `${r.html_url}.git`, webUrl: r.html_url, archived: r.archived === true, fork: r.fork === true, topics: r.topics ?? [] }),
  );
  if (!options.teams) return { repositories, teams: [] };

  options.onProgress(`listing the teams of GitHub organization ${org}`);
  const owner = new Map<string, { team: string; rank: number }>();
  let teams: GithubTeam[];
  try {
    teams = await client.paginate<GithubTeam>('GET /orgs/{org}/teams', { org, per_page: 100 });
  } catch (error) {
    throw fail(`the teams of organization ${org} (the token needs read:org)`, error);
  }
  teams.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const [index, team] of teams.entries()) {
    options.onProgress(`reading team ${index + 1}/${teams.length} of ${org}: ${team.name}`);
    let access: GithubRepo[];
    try {
      access = await client.paginate<GithubRepo>('GET /orgs/{org}/teams/{team_slug}/repos', { org, team_slug: team.slug, per_page: 100 });
    } catch (error) {
      throw fail(`the repositories of team ${team.name}`, error);
    }
    for (const repo of access.filter(isRepo)) {
      const rank = PERMISSIONS.findIndex((p) => repo.permissions?.[p] === true);
      const current = owner.get(repo.full_name.toLowerCase());
      const strength = rank === -1 ? PERMISSIONS.length : rank;
      if (current === undefined || strength < current.rank) owner.set(repo.full_name.toLowerCase(), { team: team.name, rank: strength });
    }
  }
  for (const repo of repositories) {
    const team = owner.get(repo.fullName.toLowerCase())?.team;
    if (team !== undefined) repo.team = team;
  }
  return { repositories, teams: teams.map((t) => t.name) };
}

/** An API answer is untrusted: entries without the fields we rely on are dropped. */
function isRepo(value: GithubRepo): boolean {
  return typeof value?.full_name === 'string' && typeof value.html_url === 'string' && (value.clone_url === undefined || typeof value.clone_url === 'string');
}

function describe(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 401) return 'the token was refused (401): check GITHUB_TOKEN or --token-file';
  if (status === 404) return 'not found (404): check the name, and that the token can see it';
  return typeof status === 'number' ? `${status} ${message.split('\n')[0]}` : message.split('\n')[0]!;
}
