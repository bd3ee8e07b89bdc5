import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderJson } from '../../../src/report/json.js';
import { scanOrganization } from '../../../src/scan/organization.js';
import { listGitlabGroup } from '../../../src/sources/forge/gitlab.js';
import { bareRepositories, CHART, DEPLOYMENT, pushTo, startForgeServer, type ForgeAnswer, type ForgeServer } from '../../helpers/forge-server.js';

const TOKEN = 'glpat-canaryTOKEN0123456789abc';
const WEB = 'https://gitlab.example';

let server: ForgeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete process.env.GITLAB_TOKEN;
});

describe('scan --gitlab-group', () => {
  it('lists the group and its subgroups page by page, waits out a 429, filters, clones and scans, with subgroups as teams', async () => {
    const git = bareRepositories({ api: { 'deploy/api.yaml': DEPLOYMENT }, infra: { 'chart/Chart.yaml': CHART }, tools: { 'k8s/tools.yaml': DEPLOYMENT }, legacy: { 'README.md': 'x\n' }, mirror: { 'README.md': 'y\n' } });
    const project = (path: string, name: string, extra: Record<string, unknown> = {}) => ({
      id: path.length,
      path_with_namespace: path,
      web_url: `${WEB}/${path}`,
      http_url_to_repo: git[name],
      archived: false,
      topics: ['kubernetes'],
      ...extra,
    });
    let page2 = 0;
    server = await startForgeServer((url, origin): ForgeAnswer | undefined => {
      if (url.pathname !== '/api/v4/groups/acme/projects') return undefined;
      if (url.searchParams.get('include_subgroups') !== 'true') return { status: 400, body: { error: 'expected include_subgroups=true' } };
      if (url.searchParams.get('page') !== '2') {
        const next = new URL(url);
        next.searchParams.set('page', '2');
        return { headers: { link: `<${origin}${next.pathname}${next.search}>; rel="next"`, 'x-next-page': '2' }, body: [project('acme/payments/api', 'api'), project('acme/legacy', 'legacy', { archived: true })] };
      }
      if (page2++ === 0) return { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Retry later' } };
      return {
        body: [project('acme/platform/infra', 'infra'), project('acme/tools', 'tools'), project('acme/platform/mirror', 'mirror', { forked_from_project: { id: 9 } }), project('acme/payments/notes', 'legacy'), project('acme/payments/docs', 'legacy', { topics: ['docs'] })],
      };
    });
    process.env.GITLAB_TOKEN = TOKEN;
    const cwd = mkdtempSync(join(tmpdir(), 'k8sm-discovery-'));
    writeFileSync(join(cwd, 'org.yaml'), 'organization: acme\nteamsFrom: forge\n');
    const progress: string[] = [];

    const scan = () =>
      scanOrganization({
        paths: [],
        config: join(cwd, 'org.yaml'),
        cwd,
        cacheDir: join(cwd, 'cache'),
        toolVersion: 'test',
        discovery: { forge: 'gitlab', owner: 'acme', baseUrl: server!.origin, topics: ['Kubernetes'], exclude: ['acme/*/notes'] },
        allowFileProtocol: true,
        onProgress: (text) => progress.push(text),
      });
    const assessment = await scan();

    expect(assessment.repositories.map((r) => r.path)).toEqual([`${WEB}/acme/payments/api`, `${WEB}/acme/platform/infra`, `${WEB}/acme/tools`]);
    const json = renderJson(assessment);
    const report = JSON.parse(json) as { repositories: { path: string; detections: { id: string }[] }[]; teams?: { name: string; repositories: string[] }[] };
    expect(report.repositories.find((r) => r.path === `${WEB}/acme/payments/api`)!.detections.map((d) => d.id)).toContain('k8s-manifests');
    expect(report.repositories.find((r) => r.path === `${WEB}/acme/platform/infra`)!.detections.map((d) => d.id)).toContain('helm');
    expect(report.teams?.map((t) => [t.name, t.repositories])).toEqual([
      ['payments', [`${WEB}/acme/payments/api`]],
      ['platform', [`${WEB}/acme/platform/infra`]],
    ]);

    const waited = progress.findIndex((p) => p.includes('GitLab rate limit reached: waiting 1s'));
    expect(waited).toBeGreaterThanOrEqual(0);
    expect(progress.findIndex((p) => p.startsWith('found 3 repositories to scan in acme (left out: 1 archived, 1 fork, 1 excluded, 1 topic)'))).toBeGreaterThan(waited);
    expect(page2).toBe(2);
    for (const request of server.requests) expect(request.privateToken).toBe(TOKEN);
    expect(server.requests.some((r) => r.authorization !== undefined)).toBe(false);
    expect(json).not.toContain(TOKEN);
    expect(progress.join('\n')).not.toContain(TOKEN);

    // The next run fetches into the cached clones: what was pushed since is scanned.
    const toolsDetections = (a: typeof assessment) => a.repositories.find((r) => r.path === `${WEB}/acme/tools`)!.detections.map((d) => d.id);
    expect(toolsDetections(assessment)).not.toContain('helm');
    pushTo(git.tools!, { 'chart/Chart.yaml': CHART });
    expect(toolsDetections(await scan())).toContain('helm');
  });

  it('waits out a 403 with RateLimit-Remaining: 0 until its RateLimit-Reset time, then goes on', async () => {
    // GitLab answers an exhausted quota with 403 (not 429), no Retry-After, and the epoch second
    // the quota comes back: waiting for that time is the only way forward.
    let limited = 0;
    server = await startForgeServer((url): ForgeAnswer | undefined => {
      if (url.pathname !== '/api/v4/groups/acme/projects') return undefined;
      if (limited++ === 0) {
        const reset = Math.ceil(Date.now() / 1000) + 2;
        return { status: 403, headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) }, body: { message: '403 Forbidden' } };
      }
      return { body: [{ id: 1, path_with_namespace: 'acme/api', web_url: `${WEB}/acme/api`, http_url_to_repo: `${WEB}/acme/api.git`, archived: false, topics: [] }] };
    });
    const progress: string[] = [];
    const listed = await listGitlabGroup('acme', { baseUrl: server.origin, token: TOKEN, onProgress: (text) => progress.push(text) });

    expect(listed.repositories.map((r) => r.fullName)).toEqual(['acme/api']);
    expect(limited).toBe(2);
    const wait = progress.find((p) => p.includes('GitLab rate limit reached: waiting'));
    expect(wait).toMatch(/waiting [1-3]s/);
    expect(progress.join('\n')).not.toContain(TOKEN);
  });

  it('does not take a 403 with quota left for a rate limit: it fails with the reason', async () => {
    server = await startForgeServer((url): ForgeAnswer | undefined =>
      url.pathname === '/api/v4/groups/acme/projects' ? { status: 403, headers: { 'ratelimit-remaining': '1999' }, body: { message: '403 Forbidden - insufficient scope' } } : undefined,
    );
    await expect(listGitlabGroup('acme', { baseUrl: server.origin, token: TOKEN, onProgress: () => {} })).rejects.toThrow(/403/);
  });
});
