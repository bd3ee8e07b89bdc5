import { statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../core/limits.js';
import { ensureClone, isGitUrl, type CloneOptions } from '../sources/repository/clone.js';
import { expandDirectoryGlob, hasGlob, pathGlobMatcher, relativeInside, wordGlobMatcher } from './glob.js';
import { ConfigError } from './errors.js';
import { displayUrl } from '../core/redact.js';
import { confinementProblem, insideRealPath, type Confinement } from './trust.js';
import { SINCE } from './dates.js';
import type { OrgConfig, TeamConfig } from './schema.js';

export interface ResolvedRepository {
  /** Absolute path of the work tree to scan (the cache clone for a URL). */
  path: string;
  /** The git URL, when the entry was one. */
  url?: string;
  /** The first team that lists it. */
  team?: string;
}

export interface ResolveOptions extends CloneOptions {
  /** Where git URLs are cloned; default `${XDG_CACHE_HOME:-~/.cache}/k8s-maturity/repos`. */
  cacheDir?: string;
  /** Told about globs matching nothing and repositories listed twice. */
  onWarning?: (message: string) => void;
  /**
   * For a configuration that is scanned content (config/trust.ts): folders whose real path lies
   * outside this one (a symlinked folder matched by a glob) are left out with a warning.
   */
  confineTo?: Confinement;
  /** Replaces cloning (tests, or a CLI that clones in parallel). */
  clone?: (url: string) => Promise<{ path: string }>;
}

/**
 * The repositories named by the configuration (top-level `repositories` and every team's), in the
 * order written, each once: globs expanded to folders, git URLs cloned into the cache. Relative
 * paths start from `baseDir` (the configuration file's folder). A plain path that does not exist is
 * a ConfigError; a glob that matches nothing is a warning.
 */
export async function resolveRepositories(config: OrgConfig, baseDir: string, options: ResolveOptions = {}): Promise<ResolvedRepository[]> {
  const entries: { value: string; where: string; team?: string }[] = [];
  config.teams.forEach((team, t) => team.repositories.forEach((value, r) => entries.push({ value, where: `teams[${t}].repositories[${r}]`, team: team.name })));
  config.repositories.forEach((value, r) => entries.push({ value, where: `repositories[${r}]` }));

  const byKey = new Map<string, ResolvedRepository>();
  const order: string[] = [];
  const add = (key: string, repository: ResolvedRepository, where: string) => {
    const existing = byKey.get(key);
    if (existing) {
      if (existing.team === undefined && repository.team !== undefined) existing.team = repository.team;
      else if (repository.team !== undefined && existing.team !== repository.team) {
        options.onWarning?.(`${where}: ${repository.url !== undefined ? displayUrl(repository.url) : repository.path} is already listed for team "${existing.team}": it counts for that team only`);
      }
      return;
    }
    if (options.confineTo !== undefined && repository.url === undefined && !insideRealPath(options.confineTo.root, repository.path)) {
      options.onWarning?.(`${where}: ignored: ${repository.path} lies outside ${options.confineTo.root} (through a symlink); ${options.confineTo.because}`);
      return;
    }
    byKey.set(key, repository);
    order.push(key);
  };

  // Teams first, so a repository both listed at the top and under a team gets the team; the output
  // follows the order of first appearance in the file, top-level entries included.
  const problems: string[] = [];
  for (const entry of entries) {
    const refused = options.confineTo && confinementProblem(options.confineTo, baseDir, entry.value);
    if (refused) {
      options.onWarning?.(`${entry.where}: ${refused}`);
      continue;
    }
    if (isGitUrl(entry.value)) {
      const key = `url:${entry.value}`;
      if (byKey.has(key)) {
        add(key, { path: byKey.get(key)!.path, url: entry.value, team: entry.team }, entry.where);
        continue;
      }
      const clone = options.clone ?? ((url: string) => ensureClone(url, options.cacheDir, options));
      let path: string;
      try {
        path = (await clone(entry.value)).path;
      } catch (error) {
        problems.push(`${entry.where}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      add(key, { path, url: entry.value, team: entry.team }, entry.where);
      continue;
    }
    if (hasGlob(entry.value)) {
      const matches = expandDirectoryGlob(entry.value, baseDir);
      if (matches.length === 0) options.onWarning?.(`${entry.where}: "${entry.value}" matches no folder under ${baseDir}`);
      for (const path of matches) add(`path:${path}`, { path, team: entry.team }, entry.where);
      continue;
    }
    const path = resolve(baseDir, entry.value);
    if (!isDirectory(path)) {
      problems.push(`${entry.where}: "${entry.value}" is not a folder (looked at ${path}): fix the path, or write a glob or a git URL`);
      continue;
    }
    add(`path:${path}`, { path, team: entry.team }, entry.where);
  }
  if (problems.length > 0) throw new ConfigError('CONFIG_INVALID', problems);
  return order.map((key) => byKey.get(key)!);
}

/**
 * The team whose `repositories` name this repository (a path, or the URL it was cloned from),
 * or undefined. The first matching team wins, as in resolveRepositories.
 */
export function teamOf(repository: string, config: OrgConfig, baseDir: string = process.cwd()): string | undefined {
  const url = isGitUrl(repository) ? normalizeUrl(repository) : undefined;
  const path = url === undefined ? resolve(baseDir, repository) : undefined;
  for (const team of config.teams) {
    for (const entry of team.repositories) {
      if (isGitUrl(entry)) {
        if (url !== undefined && normalizeUrl(entry) === url) return team.name;
        continue;
      }
      if (path === undefined) continue;
      if (!hasGlob(entry)) {
        if (resolve(baseDir, entry) === path) return team.name;
        continue;
      }
      const pattern = isAbsolute(entry) ? entry : join(baseDir, entry);
      const rel = relativeInside('/', path);
      const patternRel = relativeInside('/', pattern);
      if (rel !== undefined && patternRel !== undefined && pathGlobMatcher(patternRel).test(rel)) return team.name;
    }
  }
  return undefined;
}

function normalizeUrl(url: string): string {
  // Credentials do not make another repository: https://bot:TOKEN@host/x is the team's https://host/x.
  return displayUrl(url).replace(/\/+$/, '').replace(/\.git$/, '').toLowerCase();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/* ---------- People and namespaces ---------- */

/** An author as git history gives it (after .mailmap). */
export interface Identity {
  name: string;
  email: string;
}

/** True when `pattern` (an email or a name, `*` globs, case-insensitive) matches the identity. */
export function memberMatches(identity: Identity, pattern: string): boolean {
  const matcher = wordGlobMatcher(pattern.trim());
  return matcher.test(identity.email) || matcher.test(identity.name);
}

/** The teams marked as the platform: `platform: true`, or named by `platformTeam`. */
export function platformTeams(config: OrgConfig): TeamConfig[] {
  return config.teams.filter((team) => team.platform === true || team.name === config.platformTeam);
}

/**
 * "Is this person on the platform team?", for readHistory's developer-owned-manifests; undefined
 * when the configuration cannot tell (no platform team, or one without members).
 */
export function platformMembers(config: OrgConfig): ((identity: Identity) => boolean) | undefined {
  const patterns = platformTeams(config).flatMap((team) => team.members);
  if (patterns.length === 0) return undefined;
  return (identity) => patterns.some((pattern) => memberMatches(identity, pattern));
}

/** The first team whose members match the identity. */
export function teamOfIdentity(identity: Identity, config: OrgConfig): string | undefined {
  return config.teams.find((team) => team.members.some((pattern) => memberMatches(identity, pattern)))?.name;
}

/** The first team whose `namespaces` match a cluster namespace. */
export function teamOfNamespace(namespace: string, config: OrgConfig): string | undefined {
  return config.teams.find((team) => team.namespaces.some((pattern) => wordGlobMatcher(pattern, { caseInsensitive: false }).test(namespace)))?.name;
}

/* ---------- Small settings ---------- */

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_SINCE = '180d';

/** The start of the history window: `180d`, `26w`, `6m` (30 days each), `1y` (365 days) before now, or a date. */
export function parseSince(since: string | undefined, now: Date = new Date()): Date {
  const value = since ?? DEFAULT_SINCE;
  const match = SINCE.exec(value);
  if (match) {
    const days = Number(match[1]) * ({ d: 1, w: 7, m: 30, y: 365 } as const)[match[2] as 'd' | 'w' | 'm' | 'y'];
    return new Date(now.getTime() - days * DAY_MS);
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new ConfigError('CONFIG_INVALID', [`history.since: "${value}" is neither a window like 180d nor a date YYYY-MM-DD`]);
  return date;
}

/** DEFAULT_LIMITS with the configuration's `limits` applied. */
export function limitsFrom(config: OrgConfig): Limits {
  return { ...DEFAULT_LIMITS, ...(config.limits ?? {}) };
}

/** The organization's name: the configuration's, or the folder's. */
export function organizationName(config: OrgConfig, baseDir: string): string {
  return config.organization ?? (basename(resolve(baseDir)) || 'organization');
}
