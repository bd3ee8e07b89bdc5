import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { readHeadFiles } from '../sources/git/read-head.js';

/**
 * What a recorded assessment keeps besides the report: when and how long, who ran it and where
 * (CI system and run id from the environment), the model's and the configuration's hashes, each
 * source with its commit. Gathered without starting git: commits are read from `.git` files
 * (src/sources/git/read-head.ts), and left empty when that is not plain.
 */
export interface RunFacts {
  id: string;
  at: string;
  durationMs?: number;
  kind: 'scan' | 'backfilled' | 'merged';
  toolVersion?: string;
  model?: { name: string; version?: number; hash?: string };
  configHash?: string;
  runId?: string;
  ranBy: { user?: string; host?: string; ciSystem?: string; ciRunId?: string; ciUrl?: string };
  sources: { kind: 'repository' | 'cluster'; name: string; commit?: string }[];
}

/** A sortable, readable id: 20261207-141129-3fa2c1 (UTC start time, then random). */
export function newAssessmentId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The file's content hash, undefined when it cannot be read. */
export function fileHash(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** CI systems and the variables that name a run; the first whose marker is set wins. */
const CI_SYSTEMS: { name: string; marker: string; runId: string[]; url?: (env: NodeJS.ProcessEnv) => string | undefined }[] = [
  {
    name: 'github-actions',
    marker: 'GITHUB_ACTIONS',
    runId: ['GITHUB_RUN_ID'],
    url: (env) => (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined),
  },
  { name: 'gitlab-ci', marker: 'GITLAB_CI', runId: ['CI_PIPELINE_ID', 'CI_JOB_ID'], url: (env) => env.CI_PIPELINE_URL ?? env.CI_JOB_URL },
  { name: 'jenkins', marker: 'JENKINS_URL', runId: ['BUILD_TAG', 'BUILD_NUMBER'], url: (env) => env.BUILD_URL },
  { name: 'circleci', marker: 'CIRCLECI', runId: ['CIRCLE_WORKFLOW_ID', 'CIRCLE_BUILD_NUM'], url: (env) => env.CIRCLE_BUILD_URL },
  { name: 'azure-pipelines', marker: 'TF_BUILD', runId: ['BUILD_BUILDID'] },
  { name: 'buildkite', marker: 'BUILDKITE', runId: ['BUILDKITE_BUILD_ID'], url: (env) => env.BUILDKITE_BUILD_URL },
  { name: 'tekton', marker: 'TEKTON_PIPELINE_RUN', runId: ['TEKTON_PIPELINE_RUN'] },
  { name: 'ci', marker: 'CI', runId: [] },
];

export function whoRan(env: NodeJS.ProcessEnv = process.env): RunFacts['ranBy'] {
  const facts: RunFacts['ranBy'] = {};
  try {
    facts.user = userInfo().username;
  } catch {
    if (env.USER) facts.user = env.USER;
  }
  facts.host = hostname();
  for (const system of CI_SYSTEMS) {
    const marker = env[system.marker];
    if (marker === undefined || marker === '' || marker === 'false' || marker === '0') continue;
    facts.ciSystem = system.name;
    const runId = system.runId.map((name) => env[name]).find((value) => value !== undefined && value !== '');
    if (runId !== undefined) facts.ciRunId = runId;
    const url = system.url?.(env);
    // A CI URL is shown in history and dashboards: only plain http(s) without credentials.
    if (url !== undefined && /^https?:\/\/[^@\s]+$/.test(url)) facts.ciUrl = url;
    break;
  }
  return facts;
}

/** Commits read ahead (readCommits), by repository as the report names it; undefined: not plain. */
export type KnownCommits = ReadonlyMap<string, string | undefined>;

/**
 * The commit each planned repository's HEAD is at: `scanned`, the commits the scan read (each
 * repository's listing reads HEAD to check its stored one, and hands the commit back), else read
 * here from its folder. Reading 200 HEADs here cost 30–90 ms of CPU on the main thread (about 30
 * file system calls each); read during the scan they come for free (docs/store.md, Performance).
 */
export function readCommits(planned: readonly { path: string; root: string }[], scanned: ReadonlyMap<string, string>): KnownCommits {
  const known = new Map<string, string | undefined>();
  for (const repo of planned) {
    const commit = scanned.get(repo.path);
    if (commit !== undefined) {
      known.set(repo.path, commit);
      continue;
    }
    known.set(repo.path, readHeadFiles(repo.root)?.hash);
  }
  return known;
}

/**
 * Each repository with the commit its HEAD is at (local folders; git URLs through their cached
 * clone), taken from `known` when it was read ahead.
 */
export async function sourceFacts(
  repositories: readonly { path: string }[],
  clusters: readonly { name: string }[],
  options: { cwd?: string; cacheDir?: string; known?: KnownCommits } = {},
): Promise<RunFacts['sources']> {
  const { cacheFolderFor, defaultCacheDir, isGitUrl } = await import('../sources/repository/clone.js');
  const sources: RunFacts['sources'] = [];
  for (const repo of repositories) {
    if (options.known?.has(repo.path)) {
      const commit = options.known.get(repo.path);
      sources.push({ kind: 'repository', name: repo.path, ...(commit ? { commit } : {}) });
      continue;
    }
    let folder: string | undefined;
    try {
      folder = isGitUrl(repo.path) ? cacheFolderFor(repo.path, options.cacheDir ?? defaultCacheDir()) : resolve(options.cwd ?? process.cwd(), repo.path);
    } catch {
      folder = undefined;
    }
    const commit = folder === undefined ? undefined : readHeadFiles(folder)?.hash;
    sources.push({ kind: 'repository', name: repo.path, ...(commit ? { commit } : {}) });
  }
  for (const cluster of clusters) sources.push({ kind: 'cluster', name: cluster.name });
  return sources;
}
