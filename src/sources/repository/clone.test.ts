import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alice, bob, rawGit, TestRepo } from '../../../test/history/git-fixture.js';
import { cacheFolderFor, checkCloneUrl, CloneError, defaultCacheDir, ensureClone, isGitUrl, redactUrl, splitCredentials } from './clone.js';

/** A bare repository in a temporary folder, fed from a work repository, as a remote would be. */
function remote(): { work: TestRepo; url: string } {
  const work = new TestRepo();
  work.commit(alice, 10, { 'Dockerfile': 'FROM node:20\n', 'k8s/app.yaml': 'kind: Deployment\n' });
  const bare = join(mkdtempSync(join(tmpdir(), 'k8sm-remote-')), 'app.git');
  rawGit(work.dir, ['clone', '--quiet', '--bare', work.dir, bare]);
  work.git(['remote', 'add', 'origin', bare]);
  return { work, url: `file://${bare}` };
}

function cache(): string {
  return join(mkdtempSync(join(tmpdir(), 'k8sm-cache-')), 'repos');
}

describe('checkCloneUrl', () => {
  it.each([
    ['https://github.com/acme/payments-api.git', { kind: 'https', host: 'github.com', path: 'acme/payments-api' }],
    ['ssh://git@gitlab.acme.io:2222/platform/infra.git', { kind: 'ssh', host: 'gitlab.acme.io', path: 'platform/infra' }],
    ['git@github.com:acme/payments-api.git', { kind: 'scp', host: 'github.com', path: 'acme/payments-api' }],
  ])('accepts %s', (url, parsed) => {
    expect(checkCloneUrl(url)).toEqual(parsed);
  });

  it.each([
    ['ext::sh -c touch% /tmp/pwned', 'remote helpers such as ext:: can run commands'],
    ['file:///srv/git/app.git', 'file:// URLs are not allowed'],
    ['/srv/git/app.git', 'local folders are scanned in place'],
    ['../app', 'local folders are scanned in place'],
    ['http://github.com/acme/app.git', 'the http:// transport is not supported'],
    ['git://github.com/acme/app.git', 'the git:// transport is not supported'],
    ['-uhttps://x', 'cannot start with "-"'],
    ['git@github.com:-oProxyCommand=x', 'the path cannot start with "-"'],
    ['https://github.com/acme/app\n.git', 'spaces or control characters'],
  ])('refuses %s', (url, why) => {
    expect(() => checkCloneUrl(url)).toThrow(why);
  });

  it.each([
    ['user:s3cr3t@git.example.com:acme/app.git', 'an ssh address (user@host:path) cannot carry a password'],
    ['user:s3/cr:3t@git.example.com:acme/app.git', 'an ssh address (user@host:path) cannot carry a password'],
    ['https://git.example.com/acme/app.git?private_token=s3cr3t', 'a token in the query is not passed on'],
    ['ssh://git:s3cr3t@git.example.com/acme/app.git', 'an ssh:// URL cannot carry a password'],
  ])('refuses %s without repeating its secret', (url, why) => {
    expect(() => checkCloneUrl(url)).toThrow(why);
    expect(() => checkCloneUrl(url)).toThrow(/^(?!.*s3cr3t)/s);
  });

  it('takes the credentials out of an https URL, for git to get through its credential helper', () => {
    const split = splitCredentials('https://ci%40bot:p%3Ass@git.example.com/acme/app.git');
    expect(split.url).toBe('https://git.example.com/acme/app.git');
    expect(split.env).toEqual({ K8SM_GIT_USERNAME: 'ci@bot', K8SM_GIT_PASSWORD: 'p:ss' });
    expect(split.config.join(' ')).not.toContain('p:ss');
    expect(splitCredentials('https://git.example.com/acme/app.git')).toEqual({ url: 'https://git.example.com/acme/app.git', env: {}, config: [] });
  });

  it('accepts file:// only when allowed explicitly', () => {
    expect(checkCloneUrl('file:///srv/git/app.git', { allowFileProtocol: true })).toEqual({ kind: 'file', host: 'local', path: 'srv/git/app' });
  });

  it('tells URLs from local paths', () => {
    expect(isGitUrl('git@github.com:acme/app.git')).toBe(true);
    expect(isGitUrl('https://github.com/acme/app')).toBe(true);
    expect(isGitUrl('ext::sh')).toBe(true);
    expect(isGitUrl('services/payments-*')).toBe(false);
    expect(isGitUrl('./app')).toBe(false);
  });

  it('keeps tokens out of messages', () => {
    expect(redactUrl('https://user:ghp_secret@github.com/acme/app.git')).toBe('https://github.com/acme/app.git');
    expect(redactUrl('https://github.com/acme/app.git?private_token=glpat-secret')).toBe('https://github.com/acme/app.git?private_token=***');
    expect(() => checkCloneUrl('http://user:ghp_secret@github.com/acme/app.git')).toThrow(/^(?!.*ghp_secret)/s);
  });
});

describe('cache folders', () => {
  it('lives under XDG_CACHE_HOME, or ~/.cache', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/k8s-maturity/repos');
    expect(defaultCacheDir({})).toMatch(/\/\.cache\/k8s-maturity\/repos$/);
  });

  it('gives each URL its own readable folder that cannot escape the cache', () => {
    const a = cacheFolderFor('https://github.com/acme/app.git', '/c');
    const b = cacheFolderFor('git@github.com:acme/app.git', '/c');
    expect(a).toMatch(/^\/c\/github\.com-acme-app-[0-9a-f]{10}$/);
    expect(b).toMatch(/^\/c\/github\.com-acme-app-[0-9a-f]{10}$/);
    expect(a).not.toBe(b);
    expect(cacheFolderFor('https://evil.io/../../etc/x', '/c')).toMatch(/^\/c\/[^/]+$/);
  });
});

describe('ensureClone', () => {
  it('clones the default branch with its files, then refreshes to the remote head', async () => {
    const { work, url } = remote();
    const dir = cache();
    const first = await ensureClone(url, dir, { allowFileProtocol: true });
    expect(first.refreshed).toBe(false);
    expect(readFileSync(join(first.path, 'Dockerfile'), 'utf8')).toBe('FROM node:20\n');
    expect(rawGit(first.path, ['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('main');

    work.commit(bob, 5, { 'Dockerfile': 'FROM node:22\n' });
    work.git(['push', '--quiet', 'origin', 'main']);
    writeFileSync(join(first.path, 'stray.txt'), 'left over\n');
    const second = await ensureClone(url, dir, { allowFileProtocol: true });
    expect(second).toEqual({ path: first.path, refreshed: true });
    expect(readFileSync(join(second.path, 'Dockerfile'), 'utf8')).toBe('FROM node:22\n');
    expect(existsSync(join(second.path, 'stray.txt'))).toBe(false);
  });

  it('follows a remote whose default branch changed', async () => {
    const { work, url } = remote();
    const dir = cache();
    await ensureClone(url, dir, { allowFileProtocol: true });
    work.checkout('trunk', true);
    work.commit(bob, 4, { 'README.md': 'trunk\n' });
    work.git(['push', '--quiet', 'origin', 'trunk']);
    const bare = url.slice('file://'.length);
    rawGit(bare, ['symbolic-ref', 'HEAD', 'refs/heads/trunk']);
    const again = await ensureClone(url, dir, { allowFileProtocol: true });
    expect(rawGit(again.path, ['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('trunk');
    expect(readFileSync(join(again.path, 'README.md'), 'utf8')).toBe('trunk\n');
  });

  it('refuses file:// by default, before running git', async () => {
    const { url } = remote();
    const dir = cache();
    await expect(ensureClone(url, dir)).rejects.toMatchObject({ code: 'CLONE_URL_REFUSED' });
    expect(existsSync(dir)).toBe(false);
  });

  it('fails with the reason when the remote does not exist, and leaves nothing behind', async () => {
    const dir = cache();
    const error = await ensureClone('file:///nonexistent/app.git', dir, { allowFileProtocol: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloneError);
    expect((error as CloneError).code).toBe('CLONE_FAILED');
    expect((error as Error).message).toMatch(/^cannot clone file:\/\/\/nonexistent\/app\.git: .*(does not appear to be a git repository|not found|No such)/i);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('keeps the cached copy when asked to work offline', async () => {
    const { url } = remote();
    const dir = cache();
    const first = await ensureClone(url, dir, { allowFileProtocol: true });
    const bare = url.slice('file://'.length);
    // Break the remote: move its objects folder away.
    renameSync(join(bare, 'objects'), join(bare, 'objects.gone'));
    await expect(ensureClone(url, dir, { allowFileProtocol: true })).rejects.toMatchObject({ code: 'CLONE_FAILED' });
    expect(await ensureClone(url, dir, { allowFileProtocol: true, offline: true })).toEqual({ path: first.path, refreshed: false });
  });
});
