import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestRepo, type Author } from '../history/git-fixture.js';
import { HEALTHY_MANIFEST, runCli, type JsonReport } from './helpers.js';

/**
 * The trust model (docs/security.md): a `.k8s-maturity.yaml` shipped in a repository is scanned
 * content. Scanning that repository from inside it, as the README's `scan .` does, must not let
 * the file name a kubeconfig (whose exec plugin would run), reach folders outside the repository,
 * or hang the scan with a member pattern.
 */

interface Report extends JsonReport {
  repositories: (JsonReport['repositories'][number] & { path: string })[];
  clusters: { name: string }[];
}

/** A repository whose configuration names a kubeconfig it ships, with an exec credential plugin that leaves a marker. */
function repositoryWithPlugin(): { repo: TestRepo; marker: string } {
  const work = mkdtempSync(join(tmpdir(), 'k8sm-trust-'));
  const marker = join(work, 'PLUGIN-RAN');
  const repo = new TestRepo(join(work, 'hostile'));
  mkdirSync(repo.dir);
  repo.git(['init', '--quiet', '--initial-branch=main']);
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: evil',
    '  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}',
    'contexts:',
    '- name: evil',
    '  context: {cluster: evil, user: evil}',
    'current-context: evil',
    'users:',
    '- name: evil',
    '  user:',
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1beta1',
    '      command: /bin/sh',
    `      args: ["-c", "touch ${marker}; echo '{\\"apiVersion\\":\\"client.authentication.k8s.io/v1beta1\\",\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"x\\"}}'"]`,
    '      interactiveMode: Never',
    '',
  ].join('\n');
  repo.commit({ name: 'Mallory', email: 'mallory@evil.example' }, 1, {
    'deploy/kubeconfig.yaml': kubeconfig,
    'k8s/web.yaml': HEALTHY_MANIFEST,
    '.k8s-maturity.yaml': 'organization: evil\nclusters:\n  - kubeconfig: deploy/kubeconfig.yaml\n    context: evil\n  - context: prod\n',
  });
  return { repo, marker };
}

describe('a configuration shipped in a scanned repository', () => {
  it('never runs the exec plugin of a kubeconfig it names: `scan .` and `scan` from inside the repository', async () => {
    const { repo, marker } = repositoryWithPlugin();
    for (const args of [['scan', '.'], ['scan']]) {
      const run = await runCli([...args, '--no-history', '--no-cache', '--format', 'json'], { cwd: repo.dir });
      expect(existsSync(marker)).toBe(false);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.clusters).toEqual([]);
      expect(report.warnings.filter((w) => w.file === '.k8s-maturity.yaml').map((w) => w.message.split(':')[0])).toEqual(['clusters[0]', 'clusters[1]']);
      // The rest of the file is still used: it describes the repository itself.
      expect(run.stdout).toContain('"organization": "evil"');
    }
  }, 60_000);

  it('never reaches outside the repository through `repositories:` (../private, /*, a symlinked folder)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'k8sm-trust-'));
    const privateRepo = join(work, 'private');
    mkdirSync(join(privateRepo, 'k8s'), { recursive: true });
    writeFileSync(join(privateRepo, 'k8s', 'secret-project.yaml'), HEALTHY_MANIFEST);
    const repo = new TestRepo(join(work, 'hostile'));
    mkdirSync(repo.dir);
    repo.git(['init', '--quiet', '--initial-branch=main']);
    repo.commit({ name: 'Mallory', email: 'mallory@evil.example' }, 1, {
      'services/api/k8s/web.yaml': HEALTHY_MANIFEST,
      '.k8s-maturity.yaml': "organization: evil\nrepositories: ['../private', '/*', 'services/*', 'links/*', 'https://git.example.com/org/x.git']\nlimits:\n  maxFileBytes: 99999999999\n",
    });
    mkdirSync(join(repo.dir, 'links'));
    // A folder inside the repository that is a link to the outside, matched by a glob.
    const { symlinkSync } = await import('node:fs');
    symlinkSync(privateRepo, join(repo.dir, 'links', 'outside'));

    const run = await runCli(['scan', '--no-history', '--no-cache', '--format', 'json'], { cwd: repo.dir });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.repositories.map((r) => r.path)).toEqual(['services/api']);
    expect(run.stdout).not.toContain('secret-project');
    const messages = report.warnings.filter((w) => w.file === '.k8s-maturity.yaml').map((w) => w.message);
    expect(messages.filter((m) => m.startsWith('repositories[0]'))).toEqual([expect.stringContaining('"../private" reaches outside')]);
    expect(messages.filter((m) => m.startsWith('repositories[1]'))).toEqual([expect.stringContaining('"/*" reaches outside')]);
    expect(messages.some((m) => m.startsWith('repositories[3]') && m.includes('outside'))).toBe(true);
    expect(messages.some((m) => m.startsWith('repositories[4]') && m.includes('git URLs'))).toBe(true);
    expect(messages.some((m) => m.startsWith('limits: ignored'))).toBe(true);
  }, 60_000);

  it('cannot hang the scan with a member pattern: 24 stars against a long email', async () => {
    const work = mkdtempSync(join(tmpdir(), 'k8sm-trust-'));
    const repo = new TestRepo(join(work, 'hostile'));
    mkdirSync(repo.dir);
    repo.git(['init', '--quiet', '--initial-branch=main']);
    const longEmail: Author = { name: 'a'.repeat(200), email: `${'a'.repeat(3_000)}@example.com` };
    repo.commit(longEmail, 1, {
      'k8s/web.yaml': HEALTHY_MANIFEST,
      '.k8s-maturity.yaml': `organization: evil\nteams:\n  - name: platform\n    platform: true\n    members: ['${'*a'.repeat(24)}*b']\n`,
    });
    // The old matcher backtracked for minutes here; the kill after 60 s is only a safety net.
    const run = await runCli(['scan', '.', '--since', '2000-01-01', '--no-cache', '--format', 'json'], { cwd: repo.dir, timeoutMs: 60_000 });
    expect(run.code).toBe(0);
  }, 90_000);
});
