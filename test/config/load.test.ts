import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/index.js';
import { writeTree } from '../helpers/fixtures.js';

function issues(text: string): string[] {
  try {
    parseConfig(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

const FULL = `
organization: acme
repositories: [tools/*]
teams:
  - name: platform
    platform: true
    repositories: [infra, "git@github.com:acme/charts.git"]
    members: ['*@platform.acme.io', Alice Doe]
    namespaces: [monitoring, 'kube-*']
  - name: payments
    repositories: [services/payments-*]
    members: ['*@payments.acme.io']
    namespaces: ['payments-*']
clusters:
  - context: prod-eu
    kubeconfig: ~/.kube/config
  - snapshot: snapshots/staging.json
model:
  capabilities:
    service-mesh: { required: false }
    monitoring: { alternatives: [[prometheus], [datadog]] }
    health-checks: { coverageThreshold: 0.8 }
exemptions:
  - signal: static-secrets
    repository: legacy-billing
    reason: test fixtures with dummy values
    expires: 2026-06-30
attestations:
  - capability: runtime-security
    team: payments
    statement: Falco runs on every node through the managed agent
    by: alice@acme.io
    date: 2025-05-01
    link: https://wiki.acme.io/runtime
history: { since: 90d, mainBranch: main }
limits: { maxFiles: 1000 }
eolTable: eol.yaml
`;

describe('loadConfig', () => {
  it('uses the default configuration when there is no file', async () => {
    const dir = writeTree({ 'README.md': 'x' });
    const loaded = await loadConfig(undefined, dir);
    expect(loaded.path).toBeUndefined();
    expect(loaded.baseDir).toBe(dir);
    expect(loaded.config).toEqual({ repositories: [], teams: [], clusters: [], exemptions: [], attestations: [], history: {} });
  });

  it('finds .k8s-maturity.yaml in the folder and reads every key', async () => {
    const dir = writeTree({ '.k8s-maturity.yaml': FULL });
    const { config, path } = await loadConfig(undefined, dir);
    expect(path).toBe(`${dir}/.k8s-maturity.yaml`);
    expect(config.organization).toBe('acme');
    expect(config.teams[0]).toEqual({
      name: 'platform',
      platform: true,
      repositories: ['infra', 'git@github.com:acme/charts.git'],
      members: ['*@platform.acme.io', 'Alice Doe'],
      namespaces: ['monitoring', 'kube-*'],
    });
    expect(config.clusters).toEqual([{ context: 'prod-eu', kubeconfig: '~/.kube/config' }, { snapshot: 'snapshots/staging.json' }]);
    expect(config.model?.capabilities['health-checks']).toEqual({ coverageThreshold: 0.8 });
    expect(config.exemptions[0]!.expires).toBe('2026-06-30');
    expect(config.attestations[0]!.date).toBe('2025-05-01');
    expect(config.history).toEqual({ since: '90d', mainBranch: 'main' });
    expect(config.limits).toEqual({ maxFiles: 1000 });
  });

  it('reads an explicit path and says so when it is missing', async () => {
    const dir = writeTree({ 'conf/org.yaml': 'organization: acme\n' });
    const loaded = await loadConfig('conf/org.yaml', dir);
    expect(loaded.config.organization).toBe('acme');
    expect(loaded.baseDir).toBe(`${dir}/conf`);
    await expect(loadConfig('conf/nope.yaml', dir)).rejects.toMatchObject({ code: 'CONFIG_NOT_FOUND', message: expect.stringContaining('conf/nope.yaml: no such file') });
  });

  it('reports YAML syntax errors with their line and column', async () => {
    const dir = writeTree({ '.k8s-maturity.yaml': 'organization: acme\nteams:\n  - name: [a\n' });
    const error = await loadConfig(undefined, dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_SYNTAX' });
    expect((error as ConfigError).issues[0]).toMatch(/^\.k8s-maturity\.yaml:\d+:\d+: YAML syntax error: /);
  });

  it('refuses duplicate keys', () => {
    expect(() => parseConfig('organization: a\norganization: b\n')).toThrow(/\.k8s-maturity\.yaml:2:1: YAML syntax error: Map keys must be unique/);
  });
});

describe('validation messages', () => {
  it('name the key, the expected value and what was found', () => {
    expect(issues('teams:\n  - name: a\n  - name: b\n    repositories: [1]\n')).toEqual([
      '.k8s-maturity.yaml: teams[1].repositories[0]: expected a path, glob or git URL (string); got a number (line 4)',
    ]);
    expect(issues('teams: payments\n')).toEqual(['.k8s-maturity.yaml: teams: expected a list of teams; got a string (line 1)']);
    expect(issues('teams:\n  - repositories: [a]\n')).toEqual(['.k8s-maturity.yaml: teams[0].name: required: add a team name (string) (line 2)']);
  });

  it('suggest the key meant for an unknown one', () => {
    expect(issues('organisation: acme\n')).toEqual(['.k8s-maturity.yaml: organisation: unknown key; did you mean "organization"? (line 1)']);
    expect(issues('teams:\n  - name: a\n    repos: [x]\n')).toEqual(['.k8s-maturity.yaml: teams[0].repos: unknown key; did you mean "repositories"? (line 3)']);
    expect(issues('model:\n  capabilities:\n    monitoring: { requird: false }\n')).toEqual([
      '.k8s-maturity.yaml: model.capabilities.monitoring.requird: unknown key; did you mean "required"? (line 3)',
    ]);
    expect(issues('colour: red\n')[0]).toMatch(/colour: unknown key: remove it \(known keys here: organization, repositories, teams, /);
  });

  it('check dates, windows, shares and exclusive keys', () => {
    expect(issues('exemptions:\n  - signal: static-secrets\n    reason: x\n    expires: 2025-02-30\n')).toEqual([
      '.k8s-maturity.yaml: exemptions[0].expires: expected the last day the exemption holds as a real date written YYYY-MM-DD, e.g. 2025-12-31 (line 4)',
    ]);
    expect(issues('exemptions:\n  - reason: x\n')).toEqual(['.k8s-maturity.yaml: exemptions[0]: name exactly one of `signal` or `capability` (line 2)']);
    expect(issues('exemptions:\n  - signal: x\n')).toEqual(['.k8s-maturity.yaml: exemptions[0].reason: required: add why this is exempt (string) (line 2)']);
    expect(issues('history: { since: 180 }\n')).toEqual([
      ".k8s-maturity.yaml: history.since: expected a window like '180d', '26w', '6m', '1y' or a date YYYY-MM-DD (string); got a number (line 1)",
    ]);
    expect(issues('history: { since: half a year }\n')[0]).toContain("history.since: expected a window like '180d'");
    expect(issues('model: { capabilities: { probes: { coverageThreshold: 80 } } }\n')[0]).toContain('coverageThreshold: expected a share between 0 and 1, e.g. 0.8 (not a percentage)');
    expect(issues('clusters:\n  - kubeconfig: k\n    snapshot: s\n')[0]).toContain('clusters[0]: give either `snapshot` or `context`/`kubeconfig`, not both');
    expect(issues('clusters:\n  - {}\n')[0]).toContain('clusters[0]: needs `context`');
    expect(issues('limits: { maxFiles: -3 }\n')[0]).toContain('limits.maxFiles: expected the files listed per repository as a positive number');
  });

  it('check team references', () => {
    expect(issues('teams: [{ name: platform }, { name: payments }]\nplatformTeam: platfrom\n')).toEqual([
      '.k8s-maturity.yaml: platformTeam: names team "platfrom", which is not under teams; did you mean "platform"? (line 2)',
    ]);
    expect(issues('teams: [{ name: a }, { name: a }]\n')[0]).toContain('teams[1].name: team "a" is already defined at teams[0]');
    expect(issues('teams: [{ name: payments }]\nattestations:\n  - { capability: x, team: paymnets, statement: s, by: b, date: 2025-01-01 }\n')[0]).toContain(
      'attestations[0].team: names team "paymnets", which is not under teams; did you mean "payments"?',
    );
  });

  it('refuses a file that is not a mapping', () => {
    expect(issues('- a\n- b\n')).toEqual(['.k8s-maturity.yaml: expected a mapping of keys (organization, teams, …) at the top; got a list']);
  });

  it('accepts an empty file as the default configuration', () => {
    expect(parseConfig('# nothing yet\n').teams).toEqual([]);
  });
});

describe('the configuration without a file', () => {
  it('is what the schema makes of an empty configuration (written out so that no file means no schema to load)', async () => {
    const { configSchema } = await import('../../src/config/schema.js');
    const { defaultConfig } = await import('../../src/config/load.js');
    expect(defaultConfig()).toEqual(configSchema.parse({}));
    // A copy each time: a caller changing it cannot change the next scan's.
    expect(defaultConfig()).not.toBe(defaultConfig());
  });
});
