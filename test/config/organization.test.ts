import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  activeAttestations,
  activeExemptions,
  attestationEvidence,
  ConfigError,
  exemptionKey,
  expandDirectoryGlob,
  expiredAttestations,
  expiredExemptions,
  findExemption,
  isExpired,
  limitsFrom,
  loadConfig,
  memberMatches,
  organizationName,
  parseConfig,
  parseSince,
  platformMembers,
  resolveRepositories,
  teamOf,
  teamOfIdentity,
  teamOfNamespace,
  unusedExemptions,
  writeStarterConfig,
} from '../../src/config/index.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { writeTree } from '../helpers/fixtures.js';

/** An organization folder: repositories are folders with a .git entry. */
function orgTree(): string {
  const root = writeTree({
    'services/payments-api/Dockerfile': 'FROM node:20\n',
    'services/payments-worker/Dockerfile': 'FROM node:20\n',
    'services/orders/Dockerfile': 'FROM node:20\n',
    'services/.hidden/Dockerfile': 'FROM node:20\n',
    'platform/infra/main.tf': '\n',
    'platform/docs/README.md': '\n',
    'deep/a/b/repo-x/x.yaml': '\n',
  });
  for (const repo of ['services/payments-api', 'services/payments-worker', 'services/orders', 'platform/infra', 'deep/a/b/repo-x']) {
    mkdirSync(join(root, repo, '.git'));
  }
  return root;
}

const ORG = `
repositories: [platform/docs]
teams:
  - name: platform
    platform: true
    repositories: [platform/infra, "https://github.com/acme/charts.git"]
    members: ['*@platform.acme.io', Alice Doe]
    namespaces: [monitoring, 'kube-*']
  - name: payments
    repositories: ['services/payments-*', services/orders]
    members: ['*@payments.acme.io']
    namespaces: ['payments-*']
  - name: orders
    repositories: [services/orders]
`;

describe('resolveRepositories', () => {
  it('expands globs, keeps the first team, and clones git URLs', async () => {
    const root = orgTree();
    const cloned: string[] = [];
    const warnings: string[] = [];
    const repos = await resolveRepositories(parseConfig(ORG), root, {
      clone: async (url) => {
        cloned.push(url);
        return { path: '/cache/charts' };
      },
      onWarning: (message) => warnings.push(message),
    });
    expect(repos).toEqual([
      { path: join(root, 'platform/infra'), team: 'platform' },
      { path: '/cache/charts', url: 'https://github.com/acme/charts.git', team: 'platform' },
      { path: join(root, 'services/payments-api'), team: 'payments' },
      { path: join(root, 'services/payments-worker'), team: 'payments' },
      { path: join(root, 'services/orders'), team: 'payments' },
      { path: join(root, 'platform/docs') },
    ]);
    expect(cloned).toEqual(['https://github.com/acme/charts.git']);
    expect(warnings).toEqual([`teams[2].repositories[0]: ${join(root, 'services/orders')} is already listed for team "payments": it counts for that team only`]);
  });

  it('refuses a path that does not exist, and warns about a glob matching nothing', async () => {
    const root = orgTree();
    const warnings: string[] = [];
    const config = parseConfig('repositories: [services/nope, "nothing/*"]\n');
    const error = await resolveRepositories(config, root, { onWarning: (m) => warnings.push(m) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([`repositories[0]: "services/nope" is not a folder (looked at ${join(root, 'services/nope')}): fix the path, or write a glob or a git URL`]);
    expect(warnings).toEqual([`repositories[1]: "nothing/*" matches no folder under ${root}`]);
  });

  it('reports a refused URL as a configuration problem', async () => {
    const error = await resolveRepositories(parseConfig('repositories: ["ext::sh -c x"]\n'), orgTree()).catch((e: unknown) => e);
    expect((error as ConfigError).issues[0]).toContain('repositories[0]: refusing to clone');
  });
});

describe('expandDirectoryGlob', () => {
  it('matches folders by segment and skips hidden ones', () => {
    const root = orgTree();
    expect(expandDirectoryGlob('services/*', root).map((p) => p.slice(root.length + 1))).toEqual(['services/orders', 'services/payments-api', 'services/payments-worker']);
    expect(expandDirectoryGlob('services/.*', root).map((p) => p.slice(root.length + 1))).toEqual(['services/.hidden']);
  });

  it('finds repositories at any depth with **, without descending into them', () => {
    const root = orgTree();
    expect(expandDirectoryGlob('**', root).map((p) => p.slice(root.length + 1))).toEqual([
      'deep/a/b/repo-x',
      'platform/infra',
      'services/orders',
      'services/payments-api',
      'services/payments-worker',
    ]);
    expect(expandDirectoryGlob('platform/**', root).map((p) => p.slice(root.length + 1))).toEqual(['platform/infra']);
  });
});

describe('teams', () => {
  const config = parseConfig(ORG);

  it('finds the team of a repository by path, glob or URL', () => {
    const root = '/org';
    expect(teamOf('platform/infra', config, root)).toBe('platform');
    expect(teamOf('/org/services/payments-api', config, root)).toBe('payments');
    expect(teamOf('services/orders', config, root)).toBe('payments');
    expect(teamOf('https://github.com/acme/charts', config, root)).toBe('platform');
    expect(teamOf('services/other', config, root)).toBeUndefined();
  });

  it('matches people by email or name globs, case-insensitively', () => {
    expect(memberMatches({ name: 'Carol', email: 'Carol@Payments.acme.io' }, '*@payments.acme.io')).toBe(true);
    expect(memberMatches({ name: 'Alice Doe', email: 'alice@home.example' }, 'alice doe')).toBe(true);
    expect(memberMatches({ name: 'Mallory', email: 'mallory@payments.acme.io.evil' }, '*@payments.acme.io')).toBe(false);
    expect(teamOfIdentity({ name: 'Carol', email: 'carol@payments.acme.io' }, config)).toBe('payments');
  });

  it('tells platform members apart, or says it cannot', () => {
    const isPlatform = platformMembers(config)!;
    expect(isPlatform({ name: 'Bob', email: 'bob@platform.acme.io' })).toBe(true);
    expect(isPlatform({ name: 'Alice Doe', email: 'alice@acme.io' })).toBe(true);
    expect(isPlatform({ name: 'Carol', email: 'carol@payments.acme.io' })).toBe(false);
    expect(platformMembers(parseConfig('teams: [{ name: p, platform: true }]\n'))).toBeUndefined();
    expect(platformMembers(parseConfig('teams: [{ name: ops, members: [a@x] }]\nplatformTeam: ops\n'))!({ name: '', email: 'a@x' })).toBe(true);
  });

  it('finds the team of a namespace', () => {
    expect(teamOfNamespace('payments-prod', config)).toBe('payments');
    expect(teamOfNamespace('kube-system', config)).toBe('platform');
    expect(teamOfNamespace('default', config)).toBeUndefined();
  });
});

describe('settings', () => {
  const now = new Date('2025-06-01T12:00:00Z');

  it('turns history.since into a date', () => {
    expect(parseSince(undefined, now).toISOString()).toBe('2024-12-03T12:00:00.000Z');
    expect(parseSince('2w', now).toISOString()).toBe('2025-05-18T12:00:00.000Z');
    expect(parseSince('1y', now).toISOString()).toBe('2024-06-01T12:00:00.000Z');
    expect(parseSince('2025-01-15', now).toISOString()).toBe('2025-01-15T00:00:00.000Z');
  });

  it('applies limits over the defaults and names the organization', () => {
    expect(limitsFrom(parseConfig('limits: { maxFiles: 10 }\n'))).toEqual({ ...DEFAULT_LIMITS, maxFiles: 10 });
    expect(organizationName(parseConfig('{}'), '/work/acme')).toBe('acme');
    expect(organizationName(parseConfig('organization: ACME\n'), '/work/acme')).toBe('ACME');
  });
});

describe('exemptions and attestations', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const config = parseConfig(`
teams: [{ name: payments }]
exemptions:
  - { signal: static-secrets, repository: legacy-billing, reason: dummy values, expires: 2025-06-01 }
  - { signal: latest-tag-images, team: payments, reason: dev images, expires: 2025-05-31 }
  - { capability: runtime-security, reason: managed nodes }
  - { signal: eol-base-images, repository: 'services/*', reason: migration planned }
attestations:
  - { capability: runtime-security, team: payments, statement: Falco by the vendor agent, by: alice@acme.io, date: 2025-01-01, expires: 2025-12-31 }
  - { capability: audit-logging, statement: audit logs in the SIEM, by: bob@acme.io, date: 2024-01-01, expires: 2024-12-31, link: https://wiki }
`);

  it('expire the day after their last day', () => {
    expect(isExpired('2025-06-01', now)).toBe(false);
    expect(isExpired('2025-05-31', now)).toBe(true);
    expect(isExpired(undefined, now)).toBe(false);
    expect(isExpired('2025-06-01', new Date('2025-06-02T00:00:00Z'))).toBe(true);
  });

  it('split into active, expired and unused', () => {
    expect(activeExemptions(config, now).map(exemptionKey)).toEqual([
      'signal:static-secrets@repository:legacy-billing',
      'capability:runtime-security@organization',
      'signal:eol-base-images@repository:services/*',
    ]);
    expect(expiredExemptions(config, now).map(exemptionKey)).toEqual(['signal:latest-tag-images@team:payments']);
    expect(unusedExemptions(config, ['capability:runtime-security@organization'], now).map(exemptionKey)).toEqual([
      'signal:static-secrets@repository:legacy-billing',
      'signal:eol-base-images@repository:services/*',
    ]);
  });

  it('match findings by repository path, name or glob', () => {
    const active = activeExemptions(config, now);
    expect(findExemption(active, { signal: 'static-secrets', repository: '../repos/legacy-billing' })?.reason).toBe('dummy values');
    expect(findExemption(active, { signal: 'static-secrets', repository: 'other' })).toBeUndefined();
    expect(findExemption(active, { signal: 'eol-base-images', repository: 'services/orders' })?.reason).toBe('migration planned');
    expect(findExemption(active, { capability: 'runtime-security', team: 'payments' })?.reason).toBe('managed nodes');
  });

  it('give the attestations in force, as evidence', () => {
    expect(activeAttestations(config, now).map((a) => a.capability)).toEqual(['runtime-security']);
    expect(activeAttestations(config, now, 'orders')).toEqual([]);
    expect(expiredAttestations(config, now).map((a) => a.capability)).toEqual(['audit-logging']);
    expect(attestationEvidence(config.attestations[1]!)).toEqual({
      attestation: 'audit logs in the SIEM',
      by: 'bob@acme.io',
      date: '2024-01-01',
      link: 'https://wiki',
      expires: '2024-12-31',
      source: 'attestation',
    });
  });
});

describe('writeStarterConfig', () => {
  it('writes a commented file that loads as written', async () => {
    const root = orgTree();
    const text = writeStarterConfig(root, {
      repositories: ['services/payments-api', 'services/orders', join(root, 'platform/infra'), 'payments-web'],
      contexts: ['prod-eu', 'staging'],
    });
    expect(text).toContain('# k8s-maturity configuration');
    for (const key of ['platformTeam', 'model:', 'exemptions:', 'attestations:', 'history:', 'limits:', 'eolTable:', 'snapshot:', 'kubeconfig:']) {
      expect(text).toContain(key);
    }
    const dir = writeTree({ '.k8s-maturity.yaml': text });
    const { config } = await loadConfig(undefined, dir);
    expect(config.organization).toBe(root.split('/').pop());
    expect(config.teams.map((t) => [t.name, t.platform === true, t.repositories])).toEqual([
      ['services', false, ['services/payments-api', 'services/orders']],
      ['platform', true, ['platform/infra']],
      ['payments', false, ['payments-web']],
    ]);
    expect(config.clusters).toEqual([{ context: 'prod-eu' }]);
    expect(config.history.since).toBe('180d');
  });

  it('writes a file that loads when nothing was found', () => {
    const config = parseConfig(writeStarterConfig('/work/acme', { repositories: [] }));
    expect(config).toMatchObject({ organization: 'acme', teams: [], clusters: [] });
  });
});
