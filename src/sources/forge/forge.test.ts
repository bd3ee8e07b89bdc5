import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneUrlWithToken, forgeGitHost } from './credentials.js';
import { selectRepositories } from './filter.js';
import { forgeToken, withoutToken } from './token.js';
import type { DiscoveredRepository } from './types.js';

const repo = (fullName: string, extra: Partial<DiscoveredRepository> = {}): DiscoveredRepository => ({
  fullName,
  cloneUrl: `https://github.com/${fullName}.git`,
  webUrl: `https://github.com/${fullName}`,
  archived: false,
  fork: false,
  topics: [],
  ...extra,
});

describe('selectRepositories', () => {
  const listed = [
    repo('acme/payments-api', { topics: ['kubernetes', 'payments'] }),
    repo('acme/payments-old', { archived: true, topics: ['kubernetes'] }),
    repo('acme/Sandbox-x', { topics: ['kubernetes'] }),
    repo('acme/upstream-fork', { fork: true, topics: ['kubernetes'] }),
    repo('acme/platform/infra/charts', { topics: ['Kubernetes'] }),
    repo('acme/docs'),
  ];

  it('leaves out archived repositories, forks and those without every topic, by default', () => {
    const { selected, skipped } = selectRepositories(listed, { topics: ['kubernetes'] });
    expect(selected.map((r) => r.fullName)).toEqual(['acme/Sandbox-x', 'acme/payments-api', 'acme/platform/infra/charts']);
    expect(skipped).toEqual({ archived: 1, fork: 1, topic: 1 });
  });

  it('keeps archived repositories and forks when asked', () => {
    const { selected } = selectRepositories(listed, { includeArchived: true, includeForks: true, topics: ['kubernetes', 'payments'] });
    expect(selected.map((r) => r.fullName)).toEqual(['acme/payments-api']);
    expect(selectRepositories(listed, { includeArchived: true, includeForks: true }).selected).toHaveLength(6);
  });

  it('matches --include and --exclude globs on the full name, case-insensitively, * crossing subgroups', () => {
    const { selected, skipped } = selectRepositories(listed, { include: ['acme/payments-*', 'acme/platform/*'], exclude: ['*-old', 'ACME/SANDBOX-*'] });
    expect(selected.map((r) => r.fullName)).toEqual(['acme/payments-api', 'acme/platform/infra/charts']);
    expect(skipped).toEqual({ archived: 1, fork: 1, 'not included': 2 });
    expect(selectRepositories(listed, { exclude: ['acme/sandbox-*'] }).selected.map((r) => r.fullName)).not.toContain('acme/Sandbox-x');
  });
});

describe('cloneUrlWithToken', () => {
  it('adds the token only to https clone URLs on the forge of the API', () => {
    expect(cloneUrlWithToken('https://github.com/acme/api.git', 'github', undefined, 'T0KEN')).toBe('https://x-access-token:T0KEN@github.com/acme/api.git');
    expect(cloneUrlWithToken('https://ghe.acme.io/acme/api.git', 'github', 'https://ghe.acme.io/api/v3', 'T0KEN')).toBe('https://x-access-token:T0KEN@ghe.acme.io/acme/api.git');
    expect(cloneUrlWithToken('https://gitlab.acme.io/g/p.git', 'gitlab', 'https://gitlab.acme.io', 'T0KEN')).toBe('https://oauth2:T0KEN@gitlab.acme.io/g/p.git');
    // Same host name, another port: the same forge serving git apart from its API.
    expect(cloneUrlWithToken('https://gitlab.acme.io:8443/g/p.git', 'gitlab', 'https://gitlab.acme.io', 'T0KEN')).toBe('https://oauth2:T0KEN@gitlab.acme.io:8443/g/p.git');
  });

  it('never gives the token to another host, another transport, or a URL that already has a user', () => {
    expect(cloneUrlWithToken('https://evil.example/acme/api.git', 'github', undefined, 'T0KEN')).toBe('https://evil.example/acme/api.git');
    expect(cloneUrlWithToken('https://github.com.evil.example/a.git', 'github', undefined, 'T0KEN')).toBe('https://github.com.evil.example/a.git');
    expect(cloneUrlWithToken('http://github.com/acme/api.git', 'github', undefined, 'T0KEN')).toBe('http://github.com/acme/api.git');
    expect(cloneUrlWithToken('https://gitlab.acme.io.evil.example/g/p.git', 'gitlab', 'https://gitlab.acme.io', 'T0KEN')).toBe('https://gitlab.acme.io.evil.example/g/p.git');
    expect(cloneUrlWithToken('https://bob@github.com/acme/api.git', 'github', undefined, 'T0KEN')).toBe('https://bob@github.com/acme/api.git');
    expect(cloneUrlWithToken('file:///srv/git/api.git', 'github', undefined, 'T0KEN')).toBe('file:///srv/git/api.git');
    expect(cloneUrlWithToken('https://github.com/acme/api.git', 'github', undefined, undefined)).toBe('https://github.com/acme/api.git');
  });

  it('knows github.com is where api.github.com clones from', () => {
    expect(forgeGitHost('github', undefined)).toBe('github.com');
    expect(forgeGitHost('gitlab', undefined)).toBe('gitlab.com');
  });
});

describe('forgeToken', () => {
  it('reads --token-file first, then the forge variable, and treats an empty variable as none', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'k8sm-token-')), 'token');
    writeFileSync(file, '  abc123\n');
    expect(forgeToken('github', file, { GITHUB_TOKEN: 'env' })).toBe('abc123');
    expect(forgeToken('github', undefined, { GITHUB_TOKEN: 'env', GITLAB_TOKEN: 'lab' })).toBe('env');
    expect(forgeToken('gitlab', undefined, { GITHUB_TOKEN: 'env', GITLAB_TOKEN: 'lab' })).toBe('lab');
    expect(forgeToken('gitlab', undefined, { GITLAB_TOKEN: ' ' })).toBeUndefined();
  });

  it('refuses a missing or malformed token file without echoing its content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sm-token-'));
    expect(() => forgeToken('github', join(dir, 'absent'), {})).toThrow(/cannot read the token file .*absent: ENOENT/);
    writeFileSync(join(dir, 'two'), 'secret-one\nsecret-two\n');
    const error = (() => {
      try {
        forgeToken('github', join(dir, 'two'), {});
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('must hold one token on one line');
    expect(error?.message).not.toContain('secret-one');
  });

  it('masks the token in any text', () => {
    expect(withoutToken('Bad credentials for abc123xyz at abc123xyz', 'abc123xyz')).toBe('Bad credentials for *** at ***');
  });
});
