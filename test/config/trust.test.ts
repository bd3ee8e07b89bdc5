import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { confineConfig, confinementProblem, decideTrust } from '../../src/config/trust.js';

function folders(): { org: string; repo: string } {
  const org = mkdtempSync(join(tmpdir(), 'k8sm-trust-unit-'));
  const repo = join(org, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  return { org, repo };
}

describe('how far a configuration is trusted', () => {
  it('trusts a file named with --config, wherever it lies', () => {
    const { repo } = folders();
    expect(decideTrust({ config: defaultConfig(), path: join(repo, '.k8s-maturity.yaml'), baseDir: repo }, { named: true, scannedPaths: [repo] }).trust).toBe('user');
  });

  it('trusts a file found outside git repositories and scanned folders', () => {
    const { org, repo } = folders();
    expect(decideTrust({ config: defaultConfig(), path: join(org, '.k8s-maturity.yaml'), baseDir: org }, { named: false, scannedPaths: [repo] }).trust).toBe('user');
    expect(decideTrust({ config: defaultConfig(), path: join(org, '.k8s-maturity.yaml'), baseDir: org }, { named: false, scannedPaths: [] }).trust).toBe('user');
  });

  it('reads a file found inside a scanned folder or a git work tree as scanned content', () => {
    const { org, repo } = folders();
    const inside = decideTrust({ config: defaultConfig(), path: join(org, '.k8s-maturity.yaml'), baseDir: org }, { named: false, scannedPaths: [org] });
    expect(inside).toEqual({ trust: 'scanned', root: org, reason: 'it lies inside a scanned folder' });
    mkdirSync(join(repo, 'sub'));
    const inRepo = decideTrust({ config: defaultConfig(), path: join(repo, 'sub', '.k8s-maturity.yaml'), baseDir: join(repo, 'sub') }, { named: false, scannedPaths: [] });
    expect(inRepo).toEqual({ trust: 'scanned', root: repo, reason: 'it lies inside a git repository' });
  });

  it('keeps what scanned content may say about itself and drops the rest', () => {
    const { repo } = folders();
    const config = { ...defaultConfig(), organization: 'evil', clusters: [{ context: 'prod' }, { kubeconfig: 'k.yaml', context: 'x' }, { snapshot: 'snap.json' }, { snapshot: '../outside.json' }], limits: { maxFileBytes: 1e12 } };
    const { config: confined, warnings } = confineConfig(config, { trust: 'scanned', root: repo, reason: 'r' }, { label: '.k8s-maturity.yaml', baseDir: repo });
    expect(confined.organization).toBe('evil');
    expect(confined.clusters).toEqual([{ snapshot: 'snap.json' }]);
    expect(confined.limits).toBeUndefined();
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['clusters[0]', 'clusters[1]', 'clusters[3]', 'limits']);
    const confine = { root: repo, because: 'b' };
    expect(confinementProblem(confine, repo, 'services/*')).toBeUndefined();
    expect(confinementProblem(confine, repo, '../private')).toContain('reaches outside');
    expect(confinementProblem(confine, repo, '/*')).toContain('reaches outside');
    expect(confinementProblem(confine, repo, 'services/../../x')).toContain('reaches outside');
    expect(confinementProblem(confine, repo, 'git@github.com:acme/x.git')).toContain('git URLs');
  });
});

describe('a git URL with credentials', () => {
  it('is the same repository as without them, for team membership', async () => {
    const { teamOf } = await import('../../src/config/repositories.js');
    const config = { ...defaultConfig(), teams: [{ name: 'payments', repositories: ['https://github.com/acme/payments-api'], members: [], namespaces: [] }] };
    expect(teamOf('https://bot:ghp_secret0123456789@github.com/acme/payments-api.git', config)).toBe('payments');
  });
});
