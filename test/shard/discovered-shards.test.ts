import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { scanOrganization, type RecordedRepository } from '../../src/scan/organization.js';
import { owns, shardOf } from '../../src/shard/assign.js';
import { beginShard, finishShard, planShard, recordEntry, shardEntries, shardRuns } from '../../src/shard/records.js';
import { shardWarnings } from '../../src/shard/status.js';
import { parseStoreUrl } from '../../src/store/location.js';
import { openStore } from '../../src/store/open.js';
import { bareRepositories, CHART, DEPLOYMENT, startForgeServer, type ForgeServer } from '../helpers/forge-server.js';

const TOKEN = 'ghp_shardCanaryTOKEN0123456789abcd';
const WEB = 'https://github.example';
const NAMES = ['api', 'billing', 'cart', 'docs', 'infra', 'search', 'old'];

let server: ForgeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete process.env.GITHUB_TOKEN;
});

/** Everything under a folder, as one text (the clones, their .git, the scan cache). */
function listing(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : [];
}

describe('shards of a discovered GitHub organization', () => {
  it('clone only their own repositories, and the merge of their records is the single scan', async () => {
    const git = bareRepositories(Object.fromEntries(NAMES.map((n, i): [string, Record<string, string>] => [n, i % 2 === 0 ? { 'k8s/deployment.yaml': DEPLOYMENT } : { 'charts/x/Chart.yaml': CHART }])));
    const repo = (name: string) => ({ full_name: `acme/${name}`, html_url: `${WEB}/acme/${name}`, clone_url: git[name], fork: false, archived: name === 'old', topics: [] });
    server = await startForgeServer((url, origin) => {
      if (url.pathname !== '/orgs/acme/repos') return undefined;
      // Two pages, followed through the Link header.
      if (url.searchParams.get('page') === '2') return { body: NAMES.slice(4).map(repo) };
      return { headers: { link: `<${origin}/orgs/acme/repos?type=all&per_page=100&page=2>; rel="next"` }, body: NAMES.slice(0, 4).map(repo) };
    });
    process.env.GITHUB_TOKEN = TOKEN;
    const cwd = mkdtempSync(join(tmpdir(), 'k8sm-discovered-shards-'));
    writeFileSync(join(cwd, 'org.yaml'), 'organization: acme\n');
    const base = { paths: [], config: join(cwd, 'org.yaml'), cwd, toolVersion: 'test', history: false, allowFileProtocol: true, discovery: { forge: 'github' as const, owner: 'acme', baseUrl: server.origin } };

    const store = await openStore(parseStoreUrl(`sqlite:${join(cwd, 'store.db')}`));
    try {
      const count = 3;
      for (let index = 0; index < count; index++) {
        const shard = { index, count };
        const cacheDir = join(cwd, `cache-${index}`);
        await beginShard(store, 'r1', shard, { toolVersion: 'test' });
        await scanOrganization({
          ...base,
          cacheDir,
          shard: {
            owns: owns(shard),
            onPlanned: (planned, warnings) => planShard(store, 'r1', shard, planned.length, warnings),
            onRepository: (r: RecordedRepository) => recordEntry(store, 'r1', shard, r),
          },
        });
        await finishShard(store, 'r1', shard, 0);
        // This shard's cache holds clones of its own repositories only.
        const mine = NAMES.filter((n) => n !== 'old' && shardOf(`${WEB}/acme/${n}`, count) === index);
        const cloned = listing(cacheDir).filter((p) => !p.includes('/') && existsSync(join(cacheDir, p, '.git')));
        expect(cloned).toHaveLength(mine.length);
      }
      const { entries } = await shardEntries(store, 'r1');
      expect(entries.map((e) => e.path)).toEqual(NAMES.filter((n) => n !== 'old').map((n) => `${WEB}/acme/${n}`));
      const merged = await scanOrganization({ ...base, discovery: undefined, recorded: { repositories: entries, warnings: shardWarnings(await shardRuns(store, 'r1')) } });
      const single = await scanOrganization({ ...base, cacheDir: join(cwd, 'cache-single') });
      const strip = (json: string) => ({ ...(JSON.parse(json) as object), generatedAt: undefined });
      expect(strip(renderJson(merged))).toEqual(strip(renderJson(single)));
      // The token went to the API only, and into no record.
      for (const request of server.requests) expect(request.authorization).toBe(`token ${TOKEN}`);
      expect(JSON.stringify(entries)).not.toContain(TOKEN);
      expect(renderJson(merged)).not.toContain(TOKEN);
    } finally {
      await store.close();
    }
  }, 120_000);
});
