import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, rawGit, TestRepo } from '../../history/git-fixture.js';
import { startGitHttpsServer, type GitHttpsServer } from '../../helpers/git-https-server.js';
import { DEPLOYMENT, startForgeServer, type ForgeServer } from '../../helpers/forge-server.js';

/**
 * A private repository: the API (plain http on loopback) lists it with an https clone URL on the
 * same host, served by git's own http-backend that wants the token as GitHub does
 * (x-access-token:TOKEN). The command line must clone it with the token and keep it nowhere.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');
const TOKEN = 'ghp_privateCanary0123456789QRSTUV';

function everyFileText(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    text += statSync(path).isDirectory() ? everyFileText(path) : `${path}\n${readFileSync(path, 'latin1')}`;
  }
  return text;
}

let git: GitHttpsServer;
let api: ForgeServer;
let work: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-private-'));
  const source = new TestRepo();
  source.commit(alice, 2, { 'k8s/deployment.yaml': DEPLOYMENT });
  mkdirSync(join(work, 'forge', 'acme'), { recursive: true });
  rawGit(work, ['clone', '--quiet', '--bare', source.dir, join(work, 'forge', 'acme', 'api.git')]);
  git = await startGitHttpsServer({ projectRoot: join(work, 'forge'), username: 'x-access-token', password: TOKEN });
  mkdirSync(join(work, 'home'));
  writeFileSync(join(work, 'home', '.gitconfig'), readFileSync(git.userGitConfig));
  api = await startForgeServer((url) =>
    url.pathname === '/orgs/acme/repos' ? { body: [{ full_name: 'acme/api', html_url: 'https://github.example/acme/api', clone_url: `${git.origin}/acme/api.git`, fork: false, archived: false, private: true, topics: [] }] } : undefined,
  );
}, 60_000);

afterAll(async () => {
  await api?.close();
  await git?.close();
});

describe('a discovered private repository', () => {
  it('is cloned with the token through the credential helper and scanned; the token is in no output nor any file of the cache', async () => {
    const cacheDir = join(work, 'cache');
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'node',
        [CLI, 'scan', '--github-org', 'acme', '--github-url', api.origin, '--format', 'json', '--cache-dir', cacheDir, '--no-history'],
        { cwd: work, encoding: 'utf8', env: { ...process.env, HOME: join(work, 'home'), GITHUB_TOKEN: TOKEN, NO_COLOR: '1' }, timeout: 120_000 },
        (error, out, err) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout: out, stderr: err }),
      );
    });
    expect(stderr).not.toContain(TOKEN);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { repositories: { path: string; detections: { id: string }[] }[]; warnings: unknown[] };
    expect(report.repositories.map((r) => r.path)).toEqual(['https://github.example/acme/api']);
    expect(report.repositories[0]!.detections.map((d) => d.id)).toContain('k8s-manifests');
    expect(stdout).not.toContain(TOKEN);
    // git asked without credentials, was told 401, and then sent the token as Basic authentication.
    const basic = `Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`;
    expect(git.requests.some((r) => r.authorization === basic)).toBe(true);
    expect(api.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    const cached = everyFileText(cacheDir);
    expect(cached).toContain('acme/api.git'); // the clone is there, its origin without credentials
    expect(cached).not.toContain(TOKEN);
    expect(cached).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
  });
});
