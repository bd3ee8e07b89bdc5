import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Real git repositories in temporary folders, built with plain `git` (this is our own, trusted
 * content). The user's and the system's git configuration are ignored so tests behave the same
 * on every machine.
 */

export interface Author {
  name: string;
  email: string;
}

export const alice: Author = { name: 'Alice Doe', email: 'alice@acme.io' };
export const bob: Author = { name: 'Bob Roe', email: 'bob@acme.io' };
export const carol: Author = { name: 'Carol Poe', email: 'carol@payments.acme.io' };
export const dave: Author = { name: 'Dave Loe', email: 'dave@payments.acme.io' };
export const renovate: Author = { name: 'renovate[bot]', email: '29139614+renovate[bot]@users.noreply.github.com' };

const DAY = 24 * 60 * 60;
/** A fixed "now" so windows do not depend on the day the tests run. */
export const NOW = new Date('2025-06-01T12:00:00Z');

export function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * DAY * 1000);
}

export function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) env[key] = value;
  return { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
}

export function rawGit(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, { cwd, env: { ...baseEnv(), ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export class TestRepo {
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'k8sm-git-'));
    if (dir === undefined) {
      this.git(['init', '--quiet', '--initial-branch=main']);
    }
  }

  git(args: string[], env: NodeJS.ProcessEnv = {}): string {
    return rawGit(this.dir, args, env);
  }

  write(files: Record<string, string>): void {
    for (const [path, content] of Object.entries(files)) {
      const target = join(this.dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }

  /** Writes the files and commits them as `author`, `days` before NOW. */
  commit(author: Author, days: number, files: Record<string, string>, message = 'change'): string {
    this.write(files);
    this.git(['add', '--all']);
    this.git(['commit', '--quiet', '--allow-empty', '-m', message], this.env(author, days));
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /** `git merge --no-ff branch` into the current branch, as `author`. */
  merge(branch: string, author: Author, days: number, message = `Merge branch '${branch}'`): void {
    this.git(['merge', '--quiet', '--no-ff', '-m', message, branch], this.env(author, days));
  }

  checkout(branch: string, create = false): void {
    this.git(create ? ['checkout', '--quiet', '-b', branch] : ['checkout', '--quiet', branch]);
  }

  env(author: Author, days: number): NodeJS.ProcessEnv {
    const date = `${Math.floor(daysAgo(days).getTime() / 1000)} +0000`;
    return {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_COMMITTER_DATE: date,
    };
  }
}
