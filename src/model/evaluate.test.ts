import { describe, expect, it } from 'vitest';
import type { Detection, SourceKind } from '../core/types.js';
import { assess, type RepositoryInput } from './assess.js';
import { evaluateCapability, evidenceSet, stageOf } from './evaluate.js';
import { loadModel, ModelError } from './load.js';
import { applyOverrides, validateModel } from './validate.js';

const model = await loadModel();
const capability = (id: string) => model.capabilities.find((c) => c.id === id)!;
const found = (id: string, file = 'x.yaml', line = 1): Detection => ({ id, evidence: [{ file, line }] });
// A platform repository and a service repository were scanned: what they lack is missing.
const context = { sources: new Set<SourceKind>(['repository', 'platform-repository', 'service-repository']), orgSignals: new Set<string>() };

describe('evaluating a capability', () => {
  it('needs every slot of an alternative: Elasticsearch and Kibana without a shipper is partial, Loki alone is met', () => {
    const efk = evaluateCapability(capability('centralized-logging'), evidenceSet([found('elasticsearch'), found('kibana')]), context);
    expect(efk).toMatchObject({ status: 'partial', reason: 'still missing: fluentd or fluent-bit' });
    expect(evaluateCapability(capability('centralized-logging'), evidenceSet([found('loki')]), context).status).toBe('met');
  });

  it('lets an anti-pattern block a capability whatever else is there', () => {
    const result = evaluateCapability(capability('secrets-management'), evidenceSet([found('vault'), found('static-secrets', 'k8s/secret.yaml', 7)]), context);
    expect(result.status).toBe('missing');
    expect(result.blockedBy).toEqual([{ id: 'static-secrets', evidence: [{ file: 'k8s/secret.yaml', line: 7 }] }]);
  });

  it('requires configuration management only for self-managed clusters', () => {
    const managed = evaluateCapability(capability('configuration-management'), evidenceSet([]), { ...context, orgSignals: new Set(['eks']) });
    const selfManaged = evaluateCapability(capability('configuration-management'), evidenceSet([]), { ...context, orgSignals: new Set(['kubeadm']) });
    expect([managed.required, selfManaged.required]).toEqual([false, true]);
  });

  it('judges health checks by coverage against the threshold', () => {
    const probes: Detection = { id: 'probes', evidence: [{ file: 'a.yaml', line: 3 }], coverage: { covered: 7, total: 9, unit: 'containers', missing: [] } };
    expect(evaluateCapability(capability('health-checks'), evidenceSet([probes]), context)).toMatchObject({ status: 'partial', reason: '7 of 9 containers' });
    const lenient = { ...capability('health-checks'), coverageThreshold: 0.75 };
    expect(evaluateCapability(lenient, evidenceSet([probes]), context).status).toBe('met');
  });

  it('says unknown, with the reason, when only an unavailable source could tell', () => {
    const set = evidenceSet([], [['team-wide-ownership', 'needs git history']]);
    expect(evaluateCapability(capability('team-wide-ownership'), set, context)).toMatchObject({ status: 'unknown', reason: 'needs git history' });
  });

  it('explains a missing culture signal with the fact git history gave', () => {
    const set = evidenceSet([], [], [['team-wide-ownership', 'only alice@acme.example (12 commits) changed platform/deploy files in the last 180 days']]);
    expect(evaluateCapability(capability('team-wide-ownership'), set, { ...context, sources: new Set<SourceKind>([...context.sources, 'history']) })).toMatchObject({ status: 'missing', reason: 'only alice@acme.example (12 commits) changed platform/deploy files in the last 180 days' });
  });

  it('leaves health checks unknown when a repository has no manifests or chart to judge', () => {
    expect(evaluateCapability(capability('health-checks'), evidenceSet([found('docker', 'Dockerfile')]), context)).toMatchObject({ status: 'unknown' });
    expect(evaluateCapability(capability('health-checks'), evidenceSet([found('k8s-manifests')]), context)).toMatchObject({ status: 'missing' });
  });

  it('marks a capability met by attestation, distinct from detected evidence', () => {
    const result = evaluateCapability(capability('runtime-security'), evidenceSet([]), { ...context, attestations: [{ capability: 'runtime-security', statement: 'Managed sensor on every node', by: 'ciso@acme.example', date: '2026-10-01' }] });
    expect(result).toMatchObject({ status: 'met', byAttestation: true });
    expect(result.evidence[0]).toMatchObject({ source: 'attestation', by: 'ciso@acme.example' });
  });
});

describe('the staged rule', () => {
  it('stops at the first stage with a missing or partial required capability; unknown ones make it provisional', () => {
    const results = [
      { stage: 1, required: true, status: 'met' },
      { stage: 2, required: true, status: 'unknown' },
      { stage: 2, required: true, status: 'met' },
      { stage: 2, required: false, status: 'missing' },
      { stage: 3, required: true, status: 'partial' },
      { stage: 4, required: true, status: 'met' },
    ].map((r, i) => ({ id: `c${i}`, name: `c${i}`, scope: 'platform', signals: [], evidence: [], ...r })) as Parameters<typeof stageOf>[0];
    expect(stageOf(results)).toEqual({ stage: 2, provisional: true });
  });

  const staged = (rows: { stage: number; status: string }[]) =>
    rows.map((r, i) => ({ id: `c${i}`, name: `c${i}`, scope: 'platform', signals: [], evidence: [], required: true, ...r })) as Parameters<typeof stageOf>[0];

  it('takes a leading run of all-unknown stages on trust (a service repository does not hold its cluster)', () => {
    const service = staged([
      { stage: 1, status: 'unknown' },
      { stage: 2, status: 'met' },
      { stage: 3, status: 'met' },
      { stage: 4, status: 'unknown' },
      { stage: 5, status: 'unknown' },
    ]);
    expect(stageOf(service)).toEqual({ stage: 3, provisional: true });
  });

  it('does not climb over all-unknown stages once a stage has shown something (a platform repository alone, Diaoul/home-ops)', () => {
    // Stages 3–4 are its services' business; the secret store it shows at stage 5 says nothing about them.
    const platform = staged([
      { stage: 1, status: 'met' },
      { stage: 2, status: 'met' },
      { stage: 3, status: 'unknown' },
      { stage: 4, status: 'unknown' },
      { stage: 5, status: 'met' },
      { stage: 5, status: 'missing' },
    ]);
    expect(stageOf(platform)).toEqual({ stage: 2, provisional: true });
  });
});

describe('assessing an organization', () => {
  const platform: RepositoryInput = {
    path: 'platform-infra',
    kind: 'platform',
    detections: ['eks', 'terraform', 'helm', 'github-actions', 'argo-cd', 'prometheus', 'loki'].map((id) => found(id)),
    warnings: [],
  };
  const service = (path: string, extra: string[]): RepositoryInput => ({ path, kind: 'service', detections: ['docker', 'image-pipeline', 'codeowners', 'ci-on-pull-requests', ...extra].map((id) => found(id, 'Dockerfile')), warnings: [] });
  const base = { model, organization: 'acme', toolVersion: 'test', now: new Date('2026-11-24T00:00:00Z'), clusters: [], sources: new Set<SourceKind>(['repository']) };

  it('sums a service capability up as coverage over service repositories and gives each repository its own stage', () => {
    const result = assess({ ...base, repositories: [platform, service('api', ['skaffold']), service('web', [])] });
    const loop = result.capabilities.find((c) => c.id === 'local-k8s-dev-loop')!;
    expect(loop).toMatchObject({ status: 'partial', coverage: { covered: 1, total: 2, unit: 'service repositories' } });
    expect(result.repositories.find((r) => r.path === 'api')!.capabilities.find((c) => c.id === 'local-k8s-dev-loop')!.status).toBe('met');
    expect(result.teams).toHaveLength(1);
    expect(result.teams[0]!.repositories).toEqual(['platform-infra', 'api', 'web']);
  });

  it('leaves an exempted repository out of the coverage instead of counting it as covered', () => {
    const web = { ...service('web', []), exemptions: [{ capability: 'chart-publishing', reason: 'deployed from plain manifests' }] };
    const result = assess({ ...base, repositories: [platform, service('api', []), web], teams: [{ name: 'storefront', repositories: ['web'] }, { name: 'payments', repositories: ['api'] }] });
    expect(result.capabilities.find((c) => c.id === 'chart-publishing')).toMatchObject({ status: 'missing', coverage: { covered: 0, total: 1 } });
    const storefront = result.teams.find((t) => t.name === 'storefront')!.capabilities.find((c) => c.id === 'chart-publishing')!;
    expect(storefront).toMatchObject({ status: 'missing', exemption: 'deployed from plain manifests' });
  });

  it('turns a missing platform capability into unknown when the cluster scan was refused the permission to see it', () => {
    const withForbidden = assess({ ...base, sources: new Set<SourceKind>(['repository', 'cluster']), repositories: [platform], clusters: [{ name: 'prod', detections: [], warnings: [], forbidden: ['list daemonsets.apps'] }] });
    expect(withForbidden.capabilities.find((c) => c.id === 'runtime-security')).toMatchObject({ status: 'unknown', reason: 'the cluster scan lacked permissions: prod: list daemonsets.apps' });
  });

  it('lists a roadmap for the next stage with the places to act on', () => {
    const result = assess({ ...base, repositories: [platform, service('api', [])] });
    const next = result.roadmap.filter((s) => s.stage === result.stage + 1);
    expect(next.length).toBeGreaterThan(0);
    for (const step of next) expect(step.doneWhen.length).toBeGreaterThan(10);
  });
});

describe('the model as data', () => {
  it('refuses a capability that names an undeclared signal, naming the key and suggesting the fix', () => {
    const broken = structuredClone(model);
    broken.capabilities[0]!.alternatives = [['ekss']];
    expect(() => validateModel(broken, 'model.yaml')).toThrow(/capabilities\[0\] \(cluster-definition\): unknown signal "ekss" \(did you mean "eks"\?\)/);
  });

  it('applies a user override: an optional service mesh, and a home-grown deploy tool', () => {
    const tailored = applyOverrides(model, { capabilities: { 'service-mesh': { required: false } } }, '.k8s-maturity.yaml');
    expect(tailored.capabilities.find((c) => c.id === 'service-mesh')!.required).toBe(false);
    expect(model.capabilities.find((c) => c.id === 'service-mesh')!.required).toBe(true);
    expect(() => applyOverrides(model, { capabilities: { 'service-mesch': { required: false } } }, '.k8s-maturity.yaml')).toThrow(ModelError);
    expect(() => applyOverrides(model, { capabilities: { 'service-mesch': { required: false } } }, '.k8s-maturity.yaml')).toThrow(/did you mean "service-mesh"/);
  });
});

describe('the default model as checked at build time', () => {
  it('is exactly what checking the YAML gives (dist/default-model.checked.json, written by npm run build)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { modelTextHash, DEFAULT_MODEL_PATH } = await import('./load.js');
    const checked = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'default-model.checked.json'), 'utf8')) as { sha256: string; model: unknown };
    expect(checked.sha256).toBe(modelTextHash(readFileSync(DEFAULT_MODEL_PATH, 'utf8')));
    expect(checked.model).toEqual(model);
  });
});
