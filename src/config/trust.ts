import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isGitUrl } from '../sources/repository/clone.js';
import type { LoadedConfig } from './load.js';
import type { OrgConfig } from './schema.js';
import { relativeInside } from './glob.js';

/**
 * The trust model (docs/security.md, "Trust model"). What the user gives — the command line, a
 * configuration they name with `--config`, their own kubeconfig and git configuration — is
 * trusted. What is scanned is not: every file of a scanned repository, a `.k8s-maturity.yaml`
 * found there included. A configuration that is scanned content may describe teams, members,
 * namespaces, exemptions, attestations and model overrides for itself; it never names a cluster,
 * a kubeconfig, a git URL to fetch, or a file or folder outside its own tree, and its limits
 * (which protect this machine) are ignored.
 */

export type ConfigTrust = 'user' | 'scanned';

export interface ConfigTrustInput {
  /** True when the file was named with --config. */
  named: boolean;
  /** Local folders given on the command line (absolute); git URLs left out. */
  scannedPaths: readonly string[];
}

export interface TrustDecision {
  trust: ConfigTrust;
  /** For scanned content: the folder it may not reach outside of. */
  root?: string;
  /** Why it is scanned content, for the warnings. */
  reason?: string;
}

/**
 * How far a configuration is trusted. One found in the current folder (not named) is scanned
 * content when it lies inside a folder being scanned (`scan .` inside a repository) or inside a
 * git work tree (a repository someone else wrote, even when it is not scanned now); otherwise it
 * is the user's own, as a named one always is.
 */
export function decideTrust(loaded: LoadedConfig, input: ConfigTrustInput): TrustDecision {
  if (input.named || loaded.path === undefined) return { trust: 'user' };
  const folder = dirname(loaded.path);
  // Real paths on both sides: a current folder reached through a symlink is still inside what is scanned.
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  const scanned = input.scannedPaths
    .filter((path) => relativeInside(real(path), real(folder)) !== undefined || relativeInside(path, folder) !== undefined)
    .sort((a, b) => b.length - a.length)[0];
  if (scanned !== undefined) return { trust: 'scanned', root: scanned, reason: 'it lies inside a scanned folder' };
  const workTree = gitWorkTreeOf(folder);
  if (workTree !== undefined) return { trust: 'scanned', root: workTree, reason: 'it lies inside a git repository' };
  return { trust: 'user' };
}

/**
 * The configuration as scanned content may have it: clusters with a context or kubeconfig, git
 * URLs, paths out of `root` and limits are dropped, each with a warning that says how to keep it.
 */
export function confineConfig(config: OrgConfig, decision: TrustDecision, where: { label: string; baseDir: string }): { config: OrgConfig; warnings: string[] } {
  if (decision.trust === 'user' || decision.root === undefined) return { config, warnings: [] };
  const root = decision.root;
  const { label, baseDir } = where;
  const warnings: string[] = [];
  const because = becauseOf(decision, label);
  const confined = structuredClone(config);

  confined.clusters = config.clusters.filter((cluster, index) => {
    if (cluster.context !== undefined || cluster.kubeconfig !== undefined) {
      warnings.push(`clusters[${index}]: ignored: a configuration inside a scanned repository cannot name a kubeconfig or a context (give --kubeconfig/--context yourself); ${because}`);
      return false;
    }
    if (cluster.snapshot !== undefined && !staysInside(root, baseDir, cluster.snapshot)) {
      warnings.push(`clusters[${index}]: ignored: snapshot "${cluster.snapshot}" lies outside ${root}; ${because}`);
      return false;
    }
    return true;
  });

  if (config.eolTable !== undefined && !staysInside(root, baseDir, config.eolTable)) {
    warnings.push(`eolTable: ignored: "${config.eolTable}" lies outside ${root}; ${because}`);
    delete confined.eolTable;
  }

  // `repositories:` are confined where they are resolved (resolveRepositories' confineTo), so warnings keep their index.
  if (config.limits !== undefined && Object.keys(config.limits).length > 0) {
    warnings.push(`limits: ignored: the limits protect this machine and come from the command line or your own configuration; ${because}`);
    delete confined.limits;
  }
  return { config: confined, warnings };
}

/** The warning for an entry of `repositories:` a scanned configuration may not have, or undefined when it may. */
export function confinementProblem(confine: Confinement, baseDir: string, value: string): string | undefined {
  if (isGitUrl(value)) return `ignored: a configuration inside a scanned repository cannot name git URLs to fetch; ${confine.because}`;
  if (!patternStaysInside(confine.root, baseDir, value)) return `ignored: "${value}" reaches outside ${confine.root}; ${confine.because}`;
  return undefined;
}

/** Where a scanned configuration must stay, and the end of every warning about it. */
export interface Confinement {
  root: string;
  because: string;
}

/** The confinement of a decision, undefined for the user's own configuration. */
export function confinementOf(decision: TrustDecision, label: string): Confinement | undefined {
  if (decision.trust === 'user' || decision.root === undefined) return undefined;
  return { root: decision.root, because: becauseOf(decision, label) };
}

function becauseOf(decision: TrustDecision, label: string): string {
  return `${label} is treated as scanned content (${decision.reason}); name it with --config if you trust it`;
}

/**
 * True when a repository path or glob written in a scanned configuration cannot leave `root`:
 * relative, without `..` segments. What a glob then matches is checked again by real path
 * (a symlinked folder), see `insideRealPath`.
 */
export function patternStaysInside(root: string, baseDir: string, value: string): boolean {
  if (isAbsolute(value) || value.startsWith('~')) return false;
  if (value.split(/[\\/]+/).some((segment) => segment === '..')) return false;
  return relativeInside(root, join(baseDir, value)) !== undefined;
}

/** True when `path`, symlinks resolved, lies inside `root` (symlinks resolved too). */
export function insideRealPath(root: string, path: string): boolean {
  try {
    return relativeInside(realpathSync(root), realpathSync(path)) !== undefined;
  } catch {
    return false;
  }
}

function staysInside(root: string, baseDir: string, written: string): boolean {
  const path = resolve(baseDir, written);
  return patternStaysInside(root, baseDir, written) && (!exists(path) || insideRealPath(root, path));
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The top of the git work tree holding `folder` (a `.git` folder or file above it), without running git. */
export function gitWorkTreeOf(folder: string): string | undefined {
  let current = resolve(folder);
  for (;;) {
    if (exists(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
