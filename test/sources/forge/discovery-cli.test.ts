import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startForgeServer, type ForgeServer } from '../../helpers/forge-server.js';

/** The real command line (built by `npm test`), started without blocking: the forge API answers from this process. */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');
const TOKEN = 'ghp_cliCanaryTOKEN9876543210zyxw';

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', GITHUB_TOKEN: '', ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

let server: ForgeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('k8s-maturity scan with discovery', () => {
  it('teaches the discovery options in scan --help', async () => {
    const { code, stdout } = await run(['scan', '--help']);
    expect(code).toBe(0);
    for (const option of ['--github-org <name>', '--gitlab-group <path>', '--topic <topic>', '--include-archived', '--include-forks', '--include <glob>', '--exclude <glob>', '--github-url <url>', '--gitlab-url <url>', '--token-file <file>']) {
      expect(stdout).toContain(option);
    }
  });

  it('refuses a discovery filter without a forge, and two forges at once (exit 2)', async () => {
    const stray = await run(['scan', '--topic', 'kubernetes', '--quiet']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--topic needs --github-org or --gitlab-group');
    const both = await run(['scan', '--github-org', 'acme', '--gitlab-group', 'acme', '--quiet']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --github-org or --gitlab-group, not both');
  });

  it('sends the token to the API only, and a repository that cannot be cloned is a warning that names it, never the token', async () => {
    server = await startForgeServer((url) =>
      url.pathname === '/orgs/acme/repos'
        ? // A clone URL on another host than the API: it must not get the token.
          { body: [{ full_name: 'acme/api', html_url: 'https://github.example/acme/api', clone_url: 'https://localhost:9/acme/api.git', fork: false, archived: false, topics: [] }] }
        : undefined,
    );
    const cacheDir = mkdtempSync(join(tmpdir(), 'k8sm-cli-discovery-'));
    const { code, stdout, stderr } = await run(['scan', '--github-org', 'acme', '--github-url', server.origin, '--format', 'json', '--cache-dir', cacheDir, '--no-history'], { GITHUB_TOKEN: TOKEN, GIT_TERMINAL_PROMPT: '0' });
    expect(stderr).not.toContain(TOKEN);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { warnings: { file: string; message: string }[] };
    expect(report.warnings).toContainEqual(expect.objectContaining({ file: 'GitHub organization acme', message: expect.stringContaining('acme/api was not scanned: cannot clone https://localhost:9/acme/api.git') }));
    expect(stdout).not.toContain(TOKEN);
    expect(server.requests.map((r) => [r.url, r.authorization])).toEqual([['/orgs/acme/repos?type=all&per_page=100', `token ${TOKEN}`]]);
  });

  it('keeps the forge clients out of the CLI bundle: plain scans and --help never load them', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'bundle', 'main.cjs'), 'utf8');
    expect(bundle).not.toContain('Bottleneck');
    expect(bundle).not.toContain('GitbeakerRequestError');
    expect(bundle).toContain('importEsm("@octokit/rest")');
  });
});
