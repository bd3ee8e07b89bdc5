import { createHash } from 'node:crypto';
import type { Evidence, FileEvidence } from '../core/types.js';
import type { Assessment } from '../model/types.js';

/**
 * SARIF 2.1.0 for GitHub code scanning: one result per anti-pattern or missing practice that has a
 * file and a line. Cluster-only evidence (a Secret in a live cluster) has no file to annotate, so it
 * stays in the other reports and is left out here: code scanning shows only results with a physical
 * location.
 */

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; precision: 'high' | 'medium'; 'problem.severity': 'error' | 'warning' | 'recommendation' };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  properties: { repository: string; capability?: string; signal: string };
}

type RuleKey = 'static-secrets' | 'eol-base-images' | 'latest-tag-images' | 'missing-probes' | 'unmanaged-secrets';

export const INFORMATION_URI = 'https://github.com/k8s-maturity/k8s-maturity';

const RULES: Record<RuleKey, Omit<SarifRule, 'help'> & { fix: string; fixMarkdown: string }> = {
  'static-secrets': {
    id: 'K8SM001',
    name: 'StaticSecretInGit',
    shortDescription: { text: 'A Kubernetes Secret with literal values is committed' },
    fullDescription: { text: 'A Secret manifest carries its values (data or stringData) in git. Anyone who can read the repository, its forks or its history can read them, and it blocks the secrets-management capability of stage 5.' },
    fix: 'Move the values to a secret store (HashiCorp Vault, AWS Secrets Manager…) and sync them with External Secrets, or encrypt the file with Sealed Secrets or SOPS. Delete the plaintext manifest and rotate every value that was committed: it stays in git history.',
    fixMarkdown: '**Fix:** move the values to a secret store (HashiCorp Vault, a cloud secret manager) and sync them with [External Secrets](https://external-secrets.io), or encrypt the file with Sealed Secrets or SOPS.\n\nThen delete the plaintext manifest and **rotate every value that was committed**: it stays in git history.',
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'kubernetes', 'secrets', 'maturity-stage-5'], precision: 'high', 'problem.severity': 'error' },
  },
  'eol-base-images': {
    id: 'K8SM002',
    name: 'EndOfLifeBaseImage',
    shortDescription: { text: 'A Dockerfile starts from an end-of-life base image' },
    fullDescription: { text: 'The base image of this Dockerfile is a release that no longer receives security fixes, so every image built from it ships known vulnerabilities. It blocks the fresh-base-images capability of stage 4.' },
    fix: 'Move FROM to a supported release of the same image (or a distroless/minimal image), rebuild and run the tests. Let Renovate or Dependabot propose base image updates from now on.',
    fixMarkdown: '**Fix:** move `FROM` to a supported release of the same image (or a distroless/minimal image), rebuild and run the tests.\n\nLet Renovate or Dependabot propose base image updates from now on.',
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'docker', 'supply-chain', 'maturity-stage-4'], precision: 'high', 'problem.severity': 'error' },
  },
  'latest-tag-images': {
    id: 'K8SM003',
    name: 'UnpinnedWorkloadImage',
    shortDescription: { text: 'A workload image uses :latest or no tag' },
    fullDescription: { text: 'The image of this workload is not pinned: ":latest" or no tag means a restart can pull different code than was tested, and a rollback cannot return to a known version.' },
    fix: 'Pin the image to a version tag, or better to a digest (image@sha256:…), and let an update bot bump it.',
    fixMarkdown: '**Fix:** pin the image to a version tag, or better to a digest (`image@sha256:…`), and let an update bot bump it.',
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['reliability', 'kubernetes', 'supply-chain', 'maturity-stage-4'], precision: 'high', 'problem.severity': 'warning' },
  },
  'missing-probes': {
    id: 'K8SM004',
    name: 'ContainerWithoutProbes',
    shortDescription: { text: 'A long-running container declares no liveness or readiness probe' },
    fullDescription: { text: 'Without a readiness probe Kubernetes routes traffic to the container before it is ready; without a liveness probe a hung container is never restarted. The health-checks capability of stage 3 needs both on every long-running container.' },
    fix: 'Add a readinessProbe and a livenessProbe to the container, pointing at a cheap health endpoint (httpGet /healthz, tcpSocket or grpc). Add a startupProbe when it starts slowly.',
    fixMarkdown: '**Fix:** add a `readinessProbe` and a `livenessProbe` to the container, pointing at a cheap health endpoint:\n\n```yaml\nreadinessProbe:\n  httpGet: { path: /healthz, port: http }\nlivenessProbe:\n  httpGet: { path: /healthz, port: http }\n  failureThreshold: 6\n```\n\nAdd a `startupProbe` when the container starts slowly.',
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['reliability', 'kubernetes', 'maturity-stage-3'], precision: 'medium', 'problem.severity': 'warning' },
  },
  'unmanaged-secrets': {
    id: 'K8SM005',
    name: 'SecretWithoutManager',
    shortDescription: { text: 'A Secret is not managed by a secret manager' },
    fullDescription: { text: 'This Secret is neither synced from a secret store (External Secrets, Vault) nor encrypted in git (Sealed Secrets, SOPS), so its values live and rotate by hand.' },
    fix: 'Create the Secret from a secret store with an ExternalSecret (or a Vault integration), or commit it encrypted with Sealed Secrets or SOPS.',
    fixMarkdown: '**Fix:** create the Secret from a secret store with an `ExternalSecret` (or a Vault integration), or commit it encrypted with Sealed Secrets or SOPS.',
    defaultConfiguration: { level: 'note' },
    properties: { tags: ['security', 'kubernetes', 'secrets', 'maturity-stage-5'], precision: 'medium', 'problem.severity': 'recommendation' },
  },
};

const RULE_ORDER: RuleKey[] = ['static-secrets', 'eol-base-images', 'latest-tag-images', 'missing-probes', 'unmanaged-secrets'];

/** Anti-pattern signals reported wherever a repository detected them. */
const ANTI_PATTERNS: RuleKey[] = ['static-secrets', 'eol-base-images', 'latest-tag-images'];

/** Coverage gaps of these capabilities are reported per missing item that has a file. */
const COVERAGE_RULES: Record<string, RuleKey> = { 'health-checks': 'missing-probes', 'secrets-management': 'unmanaged-secrets' };

export function renderSarif(assessment: Assessment): string {
  const several = assessment.repositories.length > 1;
  const results: SarifResult[] = [];
  const seen = new Set<string>();

  const add = (key: RuleKey, repository: string, e: FileEvidence, capability?: string): void => {
    const uri = artifactUri(repository, e.file, several);
    const id = `${key}\u0000${uri}\u0000${e.line}`;
    if (seen.has(id)) return;
    seen.add(id);
    const rule = RULES[key];
    results.push({
      ruleId: rule.id,
      ruleIndex: RULE_ORDER.indexOf(key),
      level: rule.defaultConfiguration.level,
      message: { text: message(key, e) },
      locations: [{ physicalLocation: { artifactLocation: uri.startsWith('file:') ? { uri } : { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, Math.trunc(e.line)) } } }],
      // Without the line, so that a finding keeps its identity when lines above it move.
      partialFingerprints: { 'k8sMaturityFinding/v1': fingerprint(rule.id, uri, e.detail ?? '') },
      properties: { repository, signal: key, ...(capability !== undefined ? { capability } : {}) },
    });
  };

  for (const repo of assessment.repositories) {
    for (const d of repo.detections) {
      if (!(ANTI_PATTERNS as string[]).includes(d.id)) continue;
      for (const e of d.evidence) if (isFile(e)) add(d.id as RuleKey, e.repository ?? repo.path, e);
    }
  }

  const capabilitySets = [
    { context: undefined as string | undefined, capabilities: assessment.capabilities },
    ...assessment.repositories.map((r) => ({ context: r.path as string | undefined, capabilities: r.capabilities })),
    ...assessment.teams.map((t) => ({ context: t.repositories.length === 1 ? t.repositories[0] : undefined, capabilities: t.capabilities })),
  ];
  for (const { context, capabilities } of capabilitySets) {
    for (const c of capabilities) {
      for (const b of c.blockedBy ?? []) {
        if (!(ANTI_PATTERNS as string[]).includes(b.id)) continue;
        for (const e of b.evidence) {
          const repository = isFile(e) ? (e.repository ?? context) : undefined;
          if (isFile(e) && repository !== undefined) add(b.id as RuleKey, repository, e, c.id);
        }
      }
      const key = COVERAGE_RULES[c.id];
      if (key === undefined) continue;
      for (const e of (c.coverage?.missing ?? []) as Evidence[]) {
        const repository = isFile(e) ? (e.repository ?? context) : undefined;
        if (isFile(e) && repository !== undefined) add(key, repository, e, c.id);
      }
    }
  }

  results.sort((x, y) => {
    const a = x.locations[0]!.physicalLocation;
    const b = y.locations[0]!.physicalLocation;
    return x.ruleId.localeCompare(y.ruleId) || a.artifactLocation.uri.localeCompare(b.artifactLocation.uri) || a.region.startLine - b.region.startLine;
  });

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'k8s-maturity',
            informationUri: INFORMATION_URI,
            version: assessment.tool.version,
            semanticVersion: assessment.tool.version,
            rules: RULE_ORDER.map((key) => {
              const { fix, fixMarkdown, ...rule } = RULES[key];
              return {
                ...rule,
                help: { text: `${rule.fullDescription.text}\n\nFix: ${fix}`, markdown: `${rule.fullDescription.text}\n\n${fixMarkdown}` },
                helpUri: `${INFORMATION_URI}/blob/main/docs/reports.md#${rule.id.toLowerCase()}`,
              };
            }),
          },
        },
        automationDetails: { id: `k8s-maturity/${assessment.organization}/` },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { organization: assessment.organization, stage: assessment.stage, stageProvisional: assessment.stageProvisional },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function isFile(e: Evidence): e is FileEvidence {
  return 'file' in e && typeof e.file === 'string' && typeof e.line === 'number';
}

/**
 * Repository-relative and forward-slashed; prefixed with the repository path when several are
 * scanned so code scanning can tell them apart. An absolute repository path cannot sit under
 * %SRCROOT%, so it becomes a file: URI.
 */
export function artifactUri(repository: string, file: string, several: boolean): string {
  const clean = (p: string): string => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const f = clean(file).replace(/^\/+/, '');
  if (!several) return encodeUri(f);
  const repo = clean(repository);
  if (repo === '' || repo === '.') return encodeUri(f);
  if (/^([a-zA-Z]:)?\//.test(repo)) return `file://${repo.startsWith('/') ? '' : '/'}${encodeUri(`${repo}/${f}`)}`;
  return encodeUri(`${repo}/${f}`);
}

function encodeUri(path: string): string {
  return path.split('/').map((part) => encodeURIComponent(part).replace(/%3A/gi, ':')).join('/');
}

function message(key: RuleKey, e: FileEvidence): string {
  const seen = e.detail !== undefined ? `: ${e.detail}` : '';
  switch (key) {
    case 'static-secrets':
      return `Committed Secret with literal values${seen}. Move it to a secret manager and rotate the values.`;
    case 'eol-base-images':
      return `End-of-life base image${seen}. Move to a supported release.`;
    case 'latest-tag-images':
      return `Unpinned workload image${seen}. Pin it to a version tag or digest.`;
    case 'missing-probes':
      return `Container without liveness or readiness probe${seen}. Add both probes.`;
    case 'unmanaged-secrets':
      return `Secret not managed by a secret manager${seen}.`;
  }
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
