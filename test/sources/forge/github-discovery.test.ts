import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderJson } from '../../../src/report/json.js';
import { scanOrganization } from '../../../src/scan/organization.js';
import { bareRepositories, CHART, DEPLOYMENT, startForgeServer, type ForgeAnswer, type ForgeServer } from '../../helpers/forge-server.js';

const TOKEN = 'ghp_canaryTOKEN0123456789abcdefXYZ';
const WEB = 'https://github.example';

/** Every file under `dir` (the cache: clones, their .git, scan results), as text. */
function everyFileText(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    text += stat.isDirectory() ? everyFileText(path) : `${path}\n${readFileSync(path, 'latin1')}`;
  }
  return text;
}

let server: ForgeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete process.env.GITHUB_TOKEN;
});

describe('scan --github-org', () => {
  it('lists every page, waits out a rate limit and a secondary limit, leaves out the archived repository and the fork, clones and scans the rest with their teams', async () => {
    const git = bareRepositories({ api: { 'k8s/deployment.yaml': DEPLOYMENT }, infra: { 'charts/infra/Chart.yaml': CHART }, old: { 'README.md': 'old\n' }, fork: { 'README.md': 'fork\n' } });
    const repo = (name: string, extra: Record<string, unknown> = {}) => ({ full_name: `acme/${name}`, html_url: `${WEB}/acme/${name}`, clone_url: git[name], fork: false, archived: false, topics: [], ...extra });
    const seen = { page2: 0, teams: 0 };
    server = await startForgeServer((url, origin): ForgeAnswer | undefined => {
      if (url.pathname === '/orgs/acme/repos' && url.searchParams.get('page') === null) {
        return { headers: { link: `<${origin}/orgs/acme/repos?type=all&per_page=100&page=2>; rel="next", <${origin}/orgs/acme/repos?type=all&per_page=100&page=2>; rel="last"` }, body: [repo('api', { topics: ['kubernetes'] }), repo('old', { archived: true })] };
      }
      if (url.pathname === '/orgs/acme/repos' && url.searchParams.get('page') === '2') {
        // The first try of page 2 finds the hourly budget spent; it comes back a second from now.
        if (seen.page2++ === 0) {
          return { status: 403, headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) }, body: { message: 'API rate limit exceeded for user ID 1.' } };
        }
        return { body: [repo('infra'), repo('fork', { fork: true })] };
      }
      if (url.pathname === '/orgs/acme/teams') {
        if (seen.teams++ === 0) return { status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } };
        return { body: [{ slug: 'payments', name: 'Payments' }, { slug: 'platform', name: 'Platform' }] };
      }
      if (url.pathname === '/orgs/acme/teams/payments/repos') return { body: [repo('api', { permissions: { push: true, pull: true } }), repo('infra', { permissions: { pull: true } })] };
      if (url.pathname === '/orgs/acme/teams/platform/repos') return { body: [repo('infra', { permissions: { admin: true, pull: true } })] };
      return undefined;
    });
    process.env.GITHUB_TOKEN = TOKEN;
    const cwd = mkdtempSync(join(tmpdir(), 'k8sm-discovery-'));
    writeFileSync(join(cwd, 'org.yaml'), 'organization: acme\nteamsFrom: forge\n');
    const cacheDir = join(cwd, 'cache');
    const progress: string[] = [];

    const assessment = await scanOrganization({
      paths: [],
      config: join(cwd, 'org.yaml'),
      cwd,
      cacheDir,
      cache: true,
      toolVersion: 'test',
      discovery: { forge: 'github', owner: 'acme', baseUrl: server.origin },
      allowFileProtocol: true,
      onProgress: (text) => progress.push(text),
    });

    expect(assessment.repositories.map((r) => r.path)).toEqual([`${WEB}/acme/api`, `${WEB}/acme/infra`]);
    const json = renderJson(assessment);
    const report = JSON.parse(json) as { repositories: { path: string; detections: { id: string }[] }[]; teams?: { name: string; repositories: string[] }[] };
    const ids = (path: string) => report.repositories.find((r) => r.path === path)!.detections.map((d) => d.id);
    expect(ids(`${WEB}/acme/api`)).toContain('k8s-manifests');
    expect(ids(`${WEB}/acme/infra`)).toContain('helm');
    // Each repository goes to the team with the strongest permission on it.
    expect(report.teams?.map((t) => [t.name, t.repositories])).toEqual([
      ['Payments', [`${WEB}/acme/api`]],
      ['Platform', [`${WEB}/acme/infra`]],
    ]);

    // Both limits were waited out and said on the progress line, before what came after them.
    const primary = progress.findIndex((p) => /GitHub primary rate limit reached: waiting \d+s/.test(p));
    const secondary = progress.findIndex((p) => p.includes('GitHub secondary rate limit reached: waiting 1s'));
    expect(primary).toBeGreaterThanOrEqual(0);
    expect(secondary).toBeGreaterThan(progress.indexOf('listing the teams of GitHub organization acme'));
    expect(progress.findIndex((p) => p.startsWith('found 2 repositories to scan in acme (left out: 1 archived, 1 fork)'))).toBeGreaterThan(primary);
    expect(seen).toEqual({ page2: 2, teams: 2 });

    // The token went to the API server, on every request, and nowhere else (the clones are local).
    expect(server.requests.length).toBeGreaterThanOrEqual(7);
    for (const request of server.requests) expect(request.authorization).toBe(`token ${TOKEN}`);
    expect(json).not.toContain(TOKEN);
    expect(progress.join('\n')).not.toContain(TOKEN);
    expect(everyFileText(cacheDir)).not.toContain(TOKEN);
  });

  it('fails with a message that names the fix, not the token, when the token is refused', async () => {
    server = await startForgeServer(() => ({ status: 401, body: { message: `Bad credentials ${TOKEN}` } }));
    const cwd = mkdtempSync(join(tmpdir(), 'k8sm-discovery-'));
    const tokenFile = join(cwd, 'token');
    writeFileSync(tokenFile, `${TOKEN}\n`);
    const scan = scanOrganization({ paths: [], cwd, cacheDir: join(cwd, 'cache'), toolVersion: 'test', discovery: { forge: 'github', owner: 'acme', baseUrl: server.origin, tokenFile } });
    const error = await scan.then(() => undefined, (e: unknown) => e as Error);
    expect(error?.name).toBe('DiscoveryError');
    expect(error?.message).toContain('the token was refused (401): check GITHUB_TOKEN or --token-file');
    expect(error?.message).not.toContain(TOKEN);
    expect(server.requests[0]?.authorization).toBe(`token ${TOKEN}`);
  });
});
