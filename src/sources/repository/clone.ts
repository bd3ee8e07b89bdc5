import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { displayUrl, redactSecrets } from '../../core/redact.js';
import { git, gitSync, neutralFilterConfig } from '../git/safe-git.js';

/**
 * Git URLs in the configuration are cloned into a cache and scanned like local folders. The remote
 * is untrusted: nothing it ships may run here (hooks, filters, submodules), and only https and ssh
 * transports are used unless a caller (a test) explicitly allows file://.
 */

export type CloneErrorCode = 'CLONE_URL_REFUSED' | 'CLONE_FAILED';

export class CloneError extends Error {
  readonly code: CloneErrorCode;
  readonly url: string;
  constructor(code: CloneErrorCode, url: string, message: string) {
    super(message);
    this.name = 'CloneError';
    this.code = code;
    this.url = url;
  }
}

export interface ParsedGitUrl {
  kind: 'https' | 'ssh' | 'scp' | 'file';
  /** Lower-case host; "local" for file:// URLs. */
  host: string;
  /** Path on the host without a leading slash or a trailing ".git". */
  path: string;
}

export interface CloneOptions {
  /** Accept file:// URLs (tests, mirrors on a shared disk). Off by default: a config must not read local repositories through git. */
  allowFileProtocol?: boolean;
  /** Keep the cached copy when the fetch fails (no network) instead of failing. */
  offline?: boolean;
  timeoutMs?: number;
}

const SCP_LIKE = /^([A-Za-z0-9._~-]+@)?([A-Za-z0-9][A-Za-z0-9.-]*):(?!\/\/)(.+)$/;
/** `user:password@host:org/repo`: an scp-like address written with a password, which ssh never uses. */
const SCP_WITH_PASSWORD = /^[^@/:\s]+:(?!\/\/)[^@\s]*@[A-Za-z0-9][A-Za-z0-9.-]*:(?!\/\/)/;
/** Query parameters that carry a credential: git would send them to every address it asks, and keep them in the clone. */
const SECRET_PARAMETER = /[?&](?:private[-_]?token|access[-_]?token|token|auth[-_]?token|password|passwd|secret|api[-_]?key|key)=/i;
const REMOTE_HELPER = /^[A-Za-z][A-Za-z0-9+.-]*::/;

/** True when `value` is written as a remote git URL (any transport) rather than a local path. */
export function isGitUrl(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) || REMOTE_HELPER.test(value) || (SCP_LIKE.test(value) && !/^[A-Za-z]:[\\/]/.test(value));
}

/** Parses and vets a clone URL; throws CloneError (CLONE_URL_REFUSED) with the reason and the fix. */
export function checkCloneUrl(url: string, options: Pick<CloneOptions, 'allowFileProtocol'> = {}): ParsedGitUrl {
  const refuse = (why: string) => new CloneError('CLONE_URL_REFUSED', redactUrl(url), `refusing to clone ${JSON.stringify(redactUrl(url))}: ${why}`);
  if (url.startsWith('-')) throw refuse('a URL cannot start with "-"');
  if (SCP_WITH_PASSWORD.test(url)) throw refuse('an ssh address (user@host:path) cannot carry a password: ssh uses keys; for a password or token write https://user:TOKEN@host/org/repo');
  if (SECRET_PARAMETER.test(url)) throw refuse('a token in the query is not passed on (git would keep it in the clone): write https://user:TOKEN@host/org/repo instead, which is handed to git without being stored');
  if (REMOTE_HELPER.test(url)) throw refuse('remote helpers such as ext:: can run commands; use an https:// or ssh:// URL');
  // Control characters and spaces have no business in a URL and confuse transports.
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(url)) throw refuse('the URL contains spaces or control characters');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const scp = SCP_LIKE.exec(url);
    if (!scp || /^[A-Za-z]:[\\/]/.test(url)) throw refuse('not a git URL: local folders are scanned in place, give their path instead');
    const host = scp[2]!.toLowerCase();
    const path = scp[3]!;
    if (path.startsWith('-')) throw refuse('the path cannot start with "-"');
    return { kind: 'scp', host, path: cleanPath(path) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('not a valid URL');
  }
  if (scheme === 'file') {
    if (!options.allowFileProtocol) throw refuse('file:// URLs are not allowed: scan the local folder by its path');
    return { kind: 'file', host: 'local', path: cleanPath(decodeURIComponent(parsed.pathname)) };
  }
  if (scheme !== 'https' && scheme !== 'ssh') {
    throw refuse(`the ${scheme}:// transport is not supported: use https://, ssh:// or git@host:path`);
  }
  if (scheme === 'ssh' && parsed.password !== '') throw refuse('an ssh:// URL cannot carry a password: ssh uses keys');
  if (parsed.hostname === '' || parsed.hostname.startsWith('-')) throw refuse('the URL has no valid host');
  return { kind: scheme, host: parsed.hostname.toLowerCase(), path: cleanPath(decodeURIComponent(parsed.pathname)) };
}

/** The URL as it may be shown: without user information or secret query parameters (core/redact.ts). */
export function redactUrl(url: string): string {
  return displayUrl(url);
}

/**
 * An https URL's user information, taken out: the URL git is given (and keeps as the clone's
 * origin) has none, and the user name and password reach git through a credential helper that
 * reads them from the environment of that one git process. They never appear on a command line
 * (which any local user can read in the process list) nor in the clone's .git/config.
 */
export function splitCredentials(url: string): { url: string; env: Record<string, string>; config: string[] } {
  const match = /^(https:\/\/)([^/?#@]*)@(.*)$/is.exec(url);
  if (!match) return { url, env: {}, config: [] };
  const [, scheme, userinfo, rest] = match as unknown as [string, string, string, string];
  const colon = userinfo.indexOf(':');
  const decode = (text: string) => {
    try {
      const decoded = decodeURIComponent(text);
      // A line break would end the answer to git early: keep such a value as it was written.
      return /[\0\r\n]/.test(decoded) ? text : decoded;
    } catch {
      return text;
    }
  };
  return {
    url: `${scheme}${rest}`,
    env: { K8SM_GIT_USERNAME: decode(colon === -1 ? userinfo : userinfo.slice(0, colon)), K8SM_GIT_PASSWORD: colon === -1 ? '' : decode(userinfo.slice(colon + 1)) },
    // The helper (after SAFE_GIT_CONFIG's empty `credential.helper=`, so the only one) answers
    // `get` from the two variables; its command line names them, never their values.
    config: [`credential.helper=!f() { test "$1" = get || exit 0; printf 'username=%s\\npassword=%s\\n' "$K8SM_GIT_USERNAME" "$K8SM_GIT_PASSWORD"; }; f`],
  };
}

function cleanPath(path: string): string {
  return path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
}

/** `${XDG_CACHE_HOME:-~/.cache}/k8s-maturity/repos`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'k8s-maturity', 'repos');
}

/**
 * The cache folder of a URL: a readable, sanitised host-and-path name plus a short hash of the
 * URL, so two URLs never share a folder and no name can escape the cache.
 */
export function cacheFolderFor(url: string, cacheDir: string, options: Pick<CloneOptions, 'allowFileProtocol'> = {}): string {
  const parsed = checkCloneUrl(url, options);
  const readable = `${parsed.host}-${parsed.path}`
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 80);
  // The hash is of the URL without credentials: a password changes neither the folder nor anything derived from it.
  const hash = createHash('sha256').update(splitCredentials(url).url).digest('hex').slice(0, 10);
  return join(resolve(cacheDir), `${readable}-${hash}`);
}

/** Settings of our own for clone and fetch: which transports may run, and how ssh is started. */
function transportConfig(options: CloneOptions): string[] {
  return [
    'protocol.allow=never',
    'protocol.https.allow=always',
    'protocol.ssh.allow=always',
    `protocol.file.allow=${options.allowFileProtocol ? 'always' : 'never'}`,
    // SAFE_GIT_CONFIG turns ssh off for scans; a clone needs it, non-interactively.
    'core.sshCommand=ssh -o BatchMode=yes',
    'core.symlinks=true',
    'advice.detachedHead=false',
  ];
}

/**
 * Makes sure `url` is cloned under `cacheDir` with its default branch checked out, and returns the
 * work tree. The first call clones (blobless: history without file contents, which are fetched only
 * for the checked-out tree); later calls fetch and reset to the remote's default branch
 * (`refreshed: true`).
 */
export async function ensureClone(url: string, cacheDir: string = defaultCacheDir(), options: CloneOptions = {}): Promise<{ path: string; refreshed: boolean }> {
  const target = cacheFolderFor(url, cacheDir, options);
  const { url: bare, env, config: credentialConfig } = splitCredentials(url);
  const config = [...transportConfig(options), ...credentialConfig];
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  if (existsSync(join(target, '.git')) && originOf(target) === bare) {
    try {
      await refresh(target, config, timeoutMs, env);
      return { path: target, refreshed: true };
    } catch (error) {
      if (options.offline) return { path: target, refreshed: false };
      throw new CloneError('CLONE_FAILED', redactUrl(url), `cannot update the cached clone of ${redactUrl(url)} (${target}): ${gitMessage(error)}`);
    }
  }
  // A folder that is not our clone of this URL (interrupted run, URL changed) is rebuilt.
  rmSync(target, { recursive: true, force: true });
  mkdirSync(resolve(cacheDir), { recursive: true });
  const staging = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await git(['clone', '--quiet', '--filter=blob:none', '--no-checkout', '--no-recurse-submodules', '--origin', 'origin', '--', bare, staging], {
      cwd: resolve(cacheDir),
      config,
      timeoutMs,
      env,
    });
    if (hasHead(staging)) {
      // A blobless clone fetches the checked-out files now: the same credentials are needed.
      await git(['reset', '--hard', '--quiet', 'HEAD'], { cwd: staging, config: [...config, ...neutralFilterConfig(staging)], timeoutMs, env });
    }
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new CloneError('CLONE_FAILED', redactUrl(url), `cannot clone ${redactUrl(url)}: ${gitMessage(error)}`);
  }
  return { path: target, refreshed: false };
}

async function refresh(target: string, config: string[], timeoutMs: number, env: Record<string, string>): Promise<void> {
  await git(['fetch', '--quiet', '--prune', '--no-recurse-submodules', 'origin'], { cwd: target, config, timeoutMs, env });
  await git(['remote', 'set-head', 'origin', '--auto'], { cwd: target, config, timeoutMs, env });
  let remoteHead: string;
  try {
    remoteHead = gitSync(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], { cwd: target }).trim();
  } catch {
    return; // an empty remote: nothing to check out
  }
  const branch = remoteHead.replace(/^refs\/remotes\/origin\//, '');
  const checkoutConfig = [...config, ...neutralFilterConfig(target)];
  await git(['checkout', '--quiet', '--force', '-B', branch, remoteHead], { cwd: target, config: checkoutConfig, timeoutMs, env });
  await git(['clean', '-ffdxq'], { cwd: target, config: checkoutConfig, timeoutMs });
}

function originOf(target: string): string | undefined {
  try {
    return gitSync(['config', '--get', 'remote.origin.url'], { cwd: target, timeoutMs: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

function hasHead(dir: string): boolean {
  try {
    gitSync(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** git's own message, without the command line (it would repeat our -c settings). */
function gitMessage(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr : error instanceof Error ? error.message : String(error);
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('Command failed'))
    .slice(0, 3)
    .join('; ')
    .replace(/(:\/\/)[^/@\s]*@/g, '$1***@')
    .replace(/.+/, (line) => redactSecrets(line));
}
