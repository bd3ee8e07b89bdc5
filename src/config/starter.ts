import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The content of `.k8s-maturity.yaml` written by `k8s-maturity init`: the organization named after
 * the folder, one team per group of discovered repositories, and every other key as a commented
 * example. It loads as written, and with every example uncommented (a test keeps both so).
 *
 * Comments follow sshd_config's convention: `# text` explains, `#key: value` (no space after the
 * `#`, or the example's own indentation) is an example to uncomment. Long because it is mostly
 * the starter file's text, in the order it is written.
 */
export function writeStarterConfig(cwd: string, found: { repositories: string[]; contexts?: string[] }): string {
  const organization = basename(resolve(cwd)) || 'my-organization';
  const groups = groupRepositories(cwd, found.repositories);
  // Examples that name a team name one that exists once uncommented.
  const platformTeam = groups.find((g) => g.platform)?.name ?? groups[0]?.name ?? 'platform';
  const serviceTeam = groups.find((g) => !g.platform)?.name ?? groups[0]?.name ?? 'payments';
  const lines: string[] = [
    '# k8s-maturity configuration: teams, repositories, clusters, model overrides, exemptions.',
    "# Reference: docs/configuration.md. Relative paths start from this file's folder.",
    '# Lines with no space after the "#" are examples: remove the "#" to use one (and the "[]" of',
    '# the list it adds to).',
    '',
    `organization: ${yamlString(organization)}`,
    '',
  ];

  if (groups.length === 0) {
    lines.push(
      '# No repositories were found here. List them per team (paths, globs or git URLs):',
      'teams: []',
      ...example(
        '  - name: platform',
        '    repositories: [platform-infra, "git@github.com:acme/clusters.git"]',
        '  - name: payments',
        '    repositories: [services/payments-*]',
        "    members: ['*@payments.acme.io', 'Alice Doe']",
        "    namespaces: ['payments-*']",
      ),
    );
  } else {
    lines.push(
      '# One team per group of repositories found under this folder: rename them, move repositories',
      '# between teams, and list members (emails or names, globs like *@payments.acme.io) so history',
      '# can tell developers from the platform team.',
      'teams:',
    );
    for (const group of groups) {
      lines.push(`  - name: ${yamlString(group.name)}`);
      if (group.platform) lines.push('    platform: true          # the team that runs the platform (clusters, CI, shared charts)');
      lines.push('    repositories:');
      for (const repository of group.repositories) lines.push(`      - ${yamlString(repository)}`);
      lines.push(`    members: []             # e.g. ['*@${group.name}.example.com', 'Alice Doe']`);
      lines.push(`    namespaces: []          # e.g. ['${group.name}-*']`);
    }
  }

  lines.push('', '# Or name the platform team here instead of `platform: true`:', ...example(`platformTeam: ${yamlString(platformTeam)}`), '');

  const contexts = found.contexts ?? [];
  if (contexts.length > 0) {
    lines.push('# Clusters to read (read-only). Found in your kubeconfig; keep the ones to assess:', 'clusters:');
    contexts.forEach((context, index) => lines.push(...(index === 0 ? [`  - context: ${yamlString(context)}`] : example(`  - context: ${yamlString(context)}`))));
  } else {
    lines.push('# Clusters to read (read-only): a kubeconfig context, or a saved snapshot.', 'clusters: []');
  }
  lines.push(...example('  - context: prod-eu', '    kubeconfig: ~/.kube/config', '  - snapshot: snapshots/prod.json   # kubectl get … -o json output'), '');

  lines.push(
    '# What git history says about culture (team-wide ownership, developer-owned manifests, pull requests).',
    'history:',
    '  since: 180d              # or a date, 2025-01-01',
    ...example('  mainBranch: main        # default: the checked-out branch'),
    '',
    '# Tailor the model: make a capability optional, accept other tools, change a coverage threshold.',
    '# Capability and signal ids: docs/signals.md, or `k8s-maturity signals`.',
    ...example(
      'model:',
      '  capabilities:',
      '    service-mesh: { required: false }',
      '    # the shipped choices, and Elasticsearch searched from Grafana instead of Kibana:',
      '    centralized-logging: { alternatives: [[elasticsearch, fluentd|fluent-bit, kibana], [loki], [fluent-bit, elasticsearch, grafana]] }',
      '    health-checks: { coverageThreshold: 0.8 }',
    ),
    '',
    '# Findings that do not apply, with the reason and (better) an end date.',
    'exemptions: []',
    ...example('  - signal: static-secrets', '    repository: legacy-billing', '    reason: test fixtures with dummy values', "    expires: '2026-06-30'"),
    '',
    '# Practices no file or cluster shows, vouched for by a person.',
    'attestations: []',
    ...example(
      '  - capability: runtime-security',
      `    team: ${yamlString(serviceTeam)}`,
      '    statement: Falco runs on every node through the managed security agent',
      '    by: alice@acme.io',
      "    date: '2025-05-01'",
      '    link: https://wiki.acme.io/security/runtime',
      "    expires: '2026-05-01'",
    ),
    '',
    '# Bounds for huge or hostile repositories (defaults shown).',
    ...example('limits:', '  maxFileBytes: 5242880', '  maxFiles: 300000'),
    '',
    '# Your own end-of-life dates for base images, merged over the shipped table (docs/configuration.md).',
    ...example('eolTable: eol-table.yaml'),
    '',
  );
  return lines.join('\n');
}

/** Commented-out example lines: `#` straight before the YAML, so they read apart from explanations. */
function example(...yaml: string[]): string[] {
  return yaml.map((line) => `#${line}`);
}

interface Group {
  name: string;
  platform: boolean;
  repositories: string[];
}

const PLATFORM_WORDS = /(^|[-_/])(platform|infra|infrastructure|ops|devops|sre|terraform|cluster|clusters|gitops|k8s|kubernetes)([-_/]|$)/i;

/**
 * Repositories in subfolders group by their first folder (services/a, services/b → services);
 * repositories side by side group by the name before the first dash (payments-api,
 * payments-worker → payments).
 */
function groupRepositories(cwd: string, repositories: string[]): Group[] {
  const groups = new Map<string, Group>();
  for (const repository of repositories) {
    const shown = displayPath(cwd, repository);
    const parts = shown.split('/').filter((p) => p !== '' && p !== '.');
    let name: string;
    if (parts.length > 1 && !shown.startsWith('..') && !isAbsolute(shown)) name = parts[0]!;
    else name = (parts[parts.length - 1] ?? organizationFallback(cwd)).split(/[-_.]/)[0] || 'team';
    name = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    let group = groups.get(name);
    if (!group) {
      group = { name, platform: false, repositories: [] };
      groups.set(name, group);
    }
    group.repositories.push(shown);
    if (PLATFORM_WORDS.test(shown)) group.platform = true;
  }
  // One platform team is enough for a starter; later groups are left for the user to mark.
  let seenPlatform = false;
  for (const group of groups.values()) {
    if (group.platform && seenPlatform) group.platform = false;
    if (group.platform) seenPlatform = true;
  }
  return [...groups.values()];
}

function displayPath(cwd: string, repository: string): string {
  const rel = relative(resolve(cwd), resolve(cwd, repository)).split(sep).join('/');
  if (rel === '') return '.';
  return rel;
}

function organizationFallback(cwd: string): string {
  return basename(resolve(cwd)) || 'team';
}

/** A YAML scalar: plain when safe, otherwise double-quoted (JSON strings are valid YAML). */
function yamlString(value: string): string {
  return /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/\s$/.test(value) && !/^\d[\d.]*$/.test(value)
    ? value
    : JSON.stringify(value);
}
