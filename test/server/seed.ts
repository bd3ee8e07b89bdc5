import { recordAssessment } from '../../src/store/record.js';
import type { Store } from '../../src/store/open.js';

/**
 * A generated year of assessments of a small organization, recorded through the store's own
 * recordAssessment: weekly scans, the first quarter reconstructed from git history (backfilled),
 * stages climbing, and in the last one a planted regression (a plaintext Secret appears in
 * checkout-api and its stage falls). Names come from a hostile repository: HTML in a repository
 * path, a team name and a file name, which must stay text everywhere.
 */
export const HOSTILE = '<img src=x onerror=alert(1)>';
export const ORG = 'acme';
export const WEEKS = 52;

const CAPABILITIES = [
  ['cluster-definition', 1, 'Cluster defined as code', 'platform'],
  ['continuous-delivery', 2, 'Continuous delivery', 'platform'],
  ['monitoring', 2, 'Monitoring and alerting', 'platform'],
  ['health-checks', 3, 'Health checks', 'service'],
  ['tracing', 4, 'Distributed tracing', 'service'],
  ['secrets-management', 5, 'Secrets management', 'platform'],
] as const;

function capability(id: string, stage: number, name: string, scope: string, status: string) {
  return { id, stage, name, scope, required: true, status, evidence: status === 'met' ? [{ repository: 'platform-infra', file: 'terraform/main.tf', line: 3, detail: 'module eks' }] : [], signals: [] };
}

/** In the last week monitoring slips back to partial, blocked by alerting rules that went missing. */
function monitoringBlocked(c: ReturnType<typeof capability>) {
  const blockedBy = [{ id: 'alerting-rules', evidence: [{ repository: 'platform-infra', file: 'monitoring/rules.yaml', line: 12, detail: 'PrometheusRule deleted' }] }];
  return { ...c, status: 'partial', reason: 'metrics are scraped but nothing alerts on them', blockedBy };
}

export function reportAt(week: number): Record<string, unknown> {
  const last = week === WEEKS - 1;
  const orgStage = last ? 2 : Math.min(3, 1 + Math.floor(week / 16));
  const statusFor = (stage: number) => (stage <= orgStage ? 'met' : stage === orgStage + 1 ? 'partial' : 'missing');
  const caps = CAPABILITIES.map(([id, stage, name, scope]) => capability(id, stage, name, scope, statusFor(stage))).map((c) => (last && c.id === 'monitoring' ? monitoringBlocked(c) : c));
  const repositories = [
    { path: 'platform-infra', kind: 'platform', stage: orgStage, detections: [{ id: 'terraform', evidence: [{ file: 'terraform/main.tf', line: 3 }] }] },
    {
      path: 'checkout-api',
      kind: 'service',
      stage: last ? 1 : orgStage,
      detections: [
        { id: 'docker', evidence: [{ file: 'Dockerfile', line: 1, detail: 'FROM golang:1.23' }] },
        ...(last ? [{ id: 'static-secrets', evidence: [{ file: 'k8s/secret.yaml', line: 4, detail: 'Secret db-credentials with literal data' }] }] : []),
      ],
    },
    { path: HOSTILE, kind: 'service', stage: orgStage, detections: [{ id: 'helm', evidence: [{ file: `charts/${HOSTILE}/Chart.yaml`, line: 1 }] }] },
  ];
  const teams = [
    { name: 'platform', stage: orgStage, repositories: ['platform-infra'], capabilities: caps },
    { name: 'payments', stage: last ? 1 : orgStage, repositories: ['checkout-api'], capabilities: caps.map((c) => (last && c.id === 'health-checks' ? { ...c, status: 'missing' } : c)) },
    { name: HOSTILE, stage: orgStage, repositories: [HOSTILE], capabilities: caps },
  ];
  return {
    schemaVersion: 1,
    organization: ORG,
    generatedAt: dateOf(week),
    stage: orgStage,
    stageProvisional: week % 2 === 0,
    repositories,
    clusters: [],
    capabilities: caps,
    teams,
    roadmap: [{ stage: orgStage + 1, capability: 'tracing', name: 'Distributed tracing', required: true, status: 'missing', title: 'Add OpenTelemetry to checkout-api', steps: [], articleChoice: 'Jaeger', alternatives: [], places: [{ repository: 'checkout-api', note: 'no tracing library' }], doneWhen: 'an instrumentation library is declared' }],
    toVerify: [{ capability: 'team-wide-ownership', reason: 'git history was not read' }],
    warnings: [],
  };
}

export function dateOf(week: number): string {
  return new Date(Date.UTC(2026, 0, 5) + week * 7 * 86_400_000).toISOString();
}

export async function seedYear(store: Store): Promise<string[]> {
  const ids: string[] = [];
  for (let week = 0; week < WEEKS; week++) {
    const report = reportAt(week);
    const text = JSON.stringify(report);
    const id = `2026w${String(week).padStart(2, '0')}`;
    await recordAssessment(store, report as never, text, {
      id,
      at: dateOf(week),
      kind: week < 13 ? 'backfilled' : 'scan',
      toolVersion: 'test',
      ranBy: { user: 'ci', host: 'runner', ciSystem: 'github-actions', ciRunId: String(1000 + week) },
      sources: [{ kind: 'repository', name: 'platform-infra' }],
    });
    ids.push(id);
  }
  return ids;
}
