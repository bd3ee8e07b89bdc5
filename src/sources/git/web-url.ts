import { gitWouldBlock } from './git-files.js';
import { gitSync } from './safe-git.js';

/**
 * The web address of a repository's files, from its `origin` remote, so reports can link evidence
 * to file lines: git@github.com:acme/api.git → https://github.com/acme/api/blob/<commit>/<prefix>.
 * Only GitHub, GitLab and Bitbucket style hosts are recognised; anything else gives undefined.
 */
export function webUrlOf(root: string): string | undefined {
  let remote: string;
  let commit: string;
  let prefix: string;
  if (gitWouldBlock(root) !== undefined) return undefined;
  try {
    remote = gitSync(['remote', 'get-url', 'origin'], { cwd: root, timeoutMs: 5_000 }).trim();
    commit = gitSync(['rev-parse', 'HEAD'], { cwd: root, timeoutMs: 5_000 }).trim();
    prefix = gitSync(['rev-parse', '--show-prefix'], { cwd: root, timeoutMs: 5_000 }).trim();
  } catch {
    return undefined;
  }
  const base = httpsBase(remote);
  if (!base || !/^[0-9a-f]{40}$/.test(commit)) return undefined;
  const blob = base.host.includes('bitbucket') ? 'src' : base.host.includes('gitlab') ? '-/blob' : 'blob';
  return `https://${base.host}/${base.path}/${blob}/${commit}${prefix ? `/${prefix.replace(/\/$/, '')}` : ''}`;
}

export function httpsBase(remote: string): { host: string; path: string } | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(.+?)(\.git)?\/?$/.exec(remote);
  const url = /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([\w.-]+)(?::\d+)?\/(.+?)(\.git)?\/?$/.exec(remote);
  const match = scp ?? url;
  if (!match) return undefined;
  const host = match[1]!.toLowerCase();
  if (!/(github|gitlab|bitbucket)/.test(host)) return undefined;
  return { host, path: match[2]! };
}
