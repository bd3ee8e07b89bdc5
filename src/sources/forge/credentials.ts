import type { ForgeKind } from './types.js';

/**
 * The one place where a forge token meets a clone URL. The token is only ever attached to an
 * https URL on the forge's own host (an API answer naming another host gets nothing), as the
 * user name each forge expects with a token; clone.ts then hands it to git through a credential
 * helper reading the environment, so it reaches neither a command line nor the clone's .git/config.
 */
export function cloneUrlWithToken(cloneUrl: string, forge: ForgeKind, apiBaseUrl: string | undefined, token: string | undefined): string {
  if (token === undefined) return cloneUrl;
  let url: URL;
  try {
    url = new URL(cloneUrl);
  } catch {
    return cloneUrl;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return cloneUrl;
  // The host name, not the port: a self-managed forge may serve git and its API on different ports.
  if (url.hostname.toLowerCase() !== forgeGitHost(forge, apiBaseUrl)) return cloneUrl;
  url.username = forge === 'github' ? 'x-access-token' : 'oauth2';
  url.password = encodeURIComponent(token);
  return url.href;
}

/** The host name git talks to for this forge: github.com for api.github.com, else the API's own host name. */
export function forgeGitHost(forge: ForgeKind, apiBaseUrl: string | undefined): string {
  const base = apiBaseUrl ?? (forge === 'github' ? 'https://api.github.com' : 'https://gitlab.com');
  const host = new URL(base).hostname.toLowerCase();
  return host === 'api.github.com' ? 'github.com' : host;
}
