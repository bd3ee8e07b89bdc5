import { importEsm } from '../../core/import-esm.js';
import { withoutToken } from './token.js';
import { DiscoveryError, type DiscoveredRepository, type OnProgress } from './types.js';

/**
 * GitLab (gitlab.com or self-managed): the projects of a group and all its subgroups, through
 * @gitbeaker/rest. Its own request handler retries a 429 after a fraction of a second whatever the
 * server says, so ours replaces it: a 429 (or a 403 with RateLimit-Remaining: 0) waits for
 * Retry-After, else RateLimit-Reset, and says so on the progress line. Teams are the subgroups
 * right under the group: a project in acme/payments/api belongs to team "payments".
 */

interface GitlabProject {
  path_with_namespace: string;
  http_url_to_repo?: string;
  web_url: string;
  archived?: boolean;
  forked_from_project?: unknown;
  topics?: string[];
  tag_list?: string[];
}

/** Pages of 100: enough for 100,000 projects, and an end to a server whose Link never stops. */
const MAX_PAGES = 1000;
const MAX_LIMIT_RETRIES = 3;
/** The longest wait we accept from a forge before giving up with a message (a day's reset is not worth a hang). */
const MAX_WAIT_S = 3600;

export async function listGitlabGroup(group: string, options: { baseUrl?: string; token?: string; teams?: boolean; onProgress: OnProgress }): Promise<{ repositories: DiscoveredRepository[]; teams: string[] }> {
  const [{ Gitlab }, { createRequesterFn }] = await Promise.all([
    importEsm<typeof import('@gitbeaker/rest')>('@gitbeaker/rest'),
    importEsm<typeof import('@gitbeaker/requester-utils')>('@gitbeaker/requester-utils'),
  ]);
  const handler = requestHandler(options.onProgress);
  const api = new Gitlab({
    host: (options.baseUrl ?? 'https://gitlab.com').replace(/\/+$/, ''),
    ...(options.token !== undefined ? { token: options.token } : {}),
    requesterFn: createRequesterFn((_service, request) => Promise.resolve(request), handler),
  } as ConstructorParameters<typeof Gitlab>[0]);
  options.onProgress(`listing the projects of GitLab group ${group} and its subgroups`);
  let listed: GitlabProject[];
  try {
    listed = (await api.Groups.allProjects(group, { includeSubgroups: true, withShared: false, perPage: 100, maxPages: MAX_PAGES })) as unknown as GitlabProject[];
  } catch (error) {
    const status = (error as { cause?: { response?: { status?: number } } }).cause?.response?.status;
    const why = status === 401 ? 'the token was refused (401): check GITLAB_TOKEN or --token-file' : status === 404 ? 'not found (404): check the group path, and that the token can see it' : (error as Error).message;
    throw new DiscoveryError('DISCOVERY_FAILED', withoutToken(`cannot list the projects of GitLab group ${group}${options.baseUrl ? ` (${options.baseUrl})` : ''}: ${why}`, options.token));
  }
  const prefix = `${group.replace(/^\/+|\/+$/g, '').toLowerCase()}/`;
  const teams = new Set<string>();
  const repositories: DiscoveredRepository[] = [];
  for (const p of listed) {
    if (typeof p?.path_with_namespace !== 'string' || typeof p.web_url !== 'string') continue;
    const repo: DiscoveredRepository = {
      fullName: p.path_with_namespace,
      cloneUrl: typeof p.http_url_to_repo === 'string' ? p.http_url_to_repo : `${p.web_url}.git`,
      webUrl: p.web_url,
      archived: p.archived === true,
      fork: p.forked_from_project !== undefined && p.forked_from_project !== null,
      topics: Array.isArray(p.topics) ? p.topics : Array.isArray(p.tag_list) ? p.tag_list : [],
    };
    const below = p.path_with_namespace.toLowerCase().startsWith(prefix) ? p.path_with_namespace.slice(prefix.length).split('/') : [];
    if (options.teams && below.length >= 2) {
      repo.team = below[0]!;
      teams.add(below[0]!);
    }
    repositories.push(repo);
  }
  return { repositories, teams: [...teams].sort() };
}

interface HandlerOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  prefixUrl?: string;
  searchParams?: string;
  asStream?: boolean;
  signal?: AbortSignal;
}

/** gitbeaker's request handler, but waiting as long as the server asks when it is rate-limited. */
function requestHandler(onProgress: OnProgress) {
  return async (endpoint: string, options?: Record<string, unknown>) => {
    const { prefixUrl, searchParams, asStream, method, headers, body, signal } = (options ?? {}) as HandlerOptions;
    const url = new URL(endpoint, prefixUrl === undefined ? undefined : prefixUrl.endsWith('/') ? prefixUrl : `${prefixUrl}/`);
    url.search = searchParams ?? '';
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, { method: method ?? 'GET', ...(headers ? { headers } : {}), ...(body !== undefined ? { body } : {}), ...(signal ? { signal } : {}) });
      const waitS = limitedFor(response);
      if (waitS !== undefined && attempt < MAX_LIMIT_RETRIES && waitS <= MAX_WAIT_S) {
        await response.body?.cancel();
        onProgress(`GitLab rate limit reached: waiting ${waitS}s before GET ${url.pathname} again`, true);
        await new Promise((resolve) => setTimeout(resolve, waitS * 1000));
        continue;
      }
      const headerObject = Object.fromEntries(response.headers.entries());
      if (!response.ok) {
        const text = await response.text();
        // gitbeaker reads the status from the cause, as its own handler leaves it.
        throw Object.assign(new Error(`${response.status} ${response.statusText}: ${text.slice(0, 200).replace(/\s+/g, ' ')}`), { cause: { response: { status: response.status } } });
      }
      if (asStream) return { body: response.body, headers: headerObject, status: response.status };
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const parsed = response.status === 204 ? null : type === 'application/json' ? ((await response.json()) ?? {}) : await response.text();
      return { body: parsed, headers: headerObject, status: response.status };
    }
  };
}

/** Seconds to wait when the answer says "rate-limited", else undefined. */
function limitedFor(response: Response): number | undefined {
  const limited = response.status === 429 || (response.status === 403 && response.headers.get('ratelimit-remaining') === '0');
  if (!limited) return undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && response.headers.get('retry-after') !== null) return Math.ceil(retryAfter);
  const reset = Number(response.headers.get('ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - Date.now() / 1000));
  return 60;
}
