import { describe, expect, it } from 'vitest';
import type { Detection, Evidence, SourceKind } from '../core/types.js';
import { assess, type RepositoryInput } from './assess.js';
import { categoriesOf, evaluateCapability, evidenceSet, stageOf } from './evaluate.js';
import { loadModel } from './load.js';
import { applyOverrides } from './validate.js';

/**
 * Verdicts that follow what the sources given can show (issue 14): a service repository scanned
 * alone is judged on its own evidence, client libraries are instrumentation, kinds decide what is asked.
 */

const model = await loadModel();
const at = (file: string, line = 1, detail?: string): Evidence => ({ file, line, ...(detail ? { detail } : {}) });
const found = (id: string, ...evidence: Evidence[]): Detection => ({ id, evidence: evidence.length > 0 ? evidence : [at('x.yaml')] });
const library = (id: string, file: string, line: number, name: string): Detection => ({ id, evidence: [{ file, line, detail: `dependency ${name}`, library: true }] });
const base = { model, organization: 'acme', toolVersion: 'test', now: new Date('2026-12-01T00:00:00Z'), clusters: [] };
const history = new Set<SourceKind>(['repository', 'history']);

/** A podinfo-like service: Dockerfile, a chart with probes, CI that pushes the image, CODEOWNERS, tracing. */
const podinfoLike: RepositoryInput = {
  path: '.',
  kind: 'service',
  kindReason: 'builds a container image of its own (Dockerfile:1)',
  detections: [
    found('docker', at('Dockerfile', 1, 'FROM golang:1.23-alpine')),
    found('helm', at('charts/podinfo/Chart.yaml')),
    found('k8s-manifests', at('charts/podinfo/templates/deployment.yaml', 2)),
    { id: 'probes', evidence: [at('charts/podinfo/templates/deployment.yaml', 60)], coverage: { covered: 1, total: 1, unit: 'containers', missing: [] } },
    found('github-actions', at('.github/workflows/release.yml', 3)),
    found('image-pipeline', at('.github/workflows/release.yml', 40)),
    found('ci-on-pull-requests', at('.github/workflows/test.yml', 4)),
    found('codeowners', at('.github/CODEOWNERS')),
    found('merged-pull-requests', { history: '42 of 45 changes to main merged through pull requests' }),
    found('team-wide-ownership', { history: '3 people changed deploy files' }),
    library('prometheus', 'go.mod', 13, 'github.com/prometheus/client_golang'),
    library('opentelemetry', 'go.mod', 19, 'go.opentelemetry.io/otel'),
    found('trivy', at('.github/workflows/release.yml', 55)),
  ],
  warnings: [],
  unknown: [['developer-owned-manifests', 'needs a team configuration (teams[].members, platform team) to tell developers from operators']],
};

describe('a service repository scanned alone', () => {
  const result = assess({ ...base, sources: history, repositories: [podinfoLike] });
  const cap = (id: string) => result.capabilities.find((c) => c.id === id)!;

  it('leaves platform capabilities it cannot show unknown, naming the sources that would settle them', () => {
    for (const id of ['cluster-definition', 'infrastructure-as-code', 'continuous-delivery', 'centralized-logging', 'service-mesh', 'secrets-management', 'runtime-security']) {
      expect(cap(id).status, id).toBe('unknown');
    }
    expect(cap('cluster-definition')).toMatchObject({
      settledBy: ['kubernetes-infrastructure-repository', 'cluster'],
      reason: expect.stringMatching(/^needs a platform repository whose infrastructure code declares the Kubernetes cluster \(or installs its distribution\) or a cluster .*none was scanned$/),
    });
    expect(result.toVerify.find((t) => t.capability === 'cluster-definition')).toMatchObject({ settledBy: ['kubernetes-infrastructure-repository', 'cluster'] });
  });

  it('gets the stage its own evidence supports, provisional, and never a roadmap step for a cluster definition', () => {
    expect([result.stage, result.stageProvisional]).toEqual([3, true]);
    expect(result.repositories[0]).toMatchObject({ kind: 'service', stage: 3, stageProvisional: true });
    expect(result.roadmap.map((s) => s.capability)).not.toContain('cluster-definition');
    expect(result.roadmap.flatMap((s) => s.places.map((p) => p.note))).not.toContain('add it to this platform repository');
  });

  it('shows a metrics client library as instrumentation: it never meets monitoring', () => {
    expect(cap('monitoring')).toMatchObject({ status: 'unknown', signals: [], evidence: [], instrumentation: [{ file: 'go.mod', line: 13, library: true }] });
    expect(cap('monitoring').reason).toMatch(/^only instrumentation: client library github\.com\/prometheus\/client_golang .*needs a platform repository or a cluster/);
    // Tracing accepts instrumentation libraries (the model says so): the service is instrumented.
    expect(cap('tracing').status).toBe('met');
  });

  it('leaves manifests unknown for a service without them: they may live in a GitOps repository', () => {
    const composeOnly = { ...podinfoLike, detections: podinfoLike.detections.filter((d) => !['helm', 'k8s-manifests', 'probes'].includes(d.id)) };
    const alone = assess({ ...base, sources: history, repositories: [composeOnly] });
    expect(alone.capabilities.find((c) => c.id === 'manifests-in-git')).toMatchObject({ status: 'unknown', settledBy: ['platform-repository'] });
    expect(alone.capabilities.find((c) => c.id === 'health-checks')!.status).toBe('unknown');
    expect(alone.stage).toBe(3);
  });

  it('is judged as before once a platform repository is scanned beside it: what the platform lacks is missing', () => {
    const platform: RepositoryInput = { path: 'platform', kind: 'platform', kindReason: 'declares infrastructure', detections: [found('terraform'), found('eks')], warnings: [] };
    const both = assess({ ...base, sources: history, repositories: [platform, podinfoLike] });
    const monitoring = both.capabilities.find((c) => c.id === 'monitoring')!;
    expect(monitoring.status).toBe('missing');
    expect(monitoring.reason).toMatch(/^only instrumentation: client library github\.com\/prometheus\/client_golang \(a library is not a deployed backend\); none of: prometheus/);
    expect(both.stage).toBe(1);
    expect(both.roadmap.find((s) => s.capability === 'monitoring')!.places).toEqual([{ repository: 'platform', note: 'add it to this platform repository' }]);
  });
});

describe('repository kinds in the assessment', () => {
  const service = (path: string, extra: string[] = []): RepositoryInput => ({ path, kind: 'service', detections: ['docker', ...extra].map((id) => found(id, at('Dockerfile'))), warnings: [] });
  const lib: RepositoryInput = { path: 'sdk', kind: 'library', kindReason: 'code with nothing to build into an image or deploy', detections: [found('github-actions')], warnings: [] };
  const tool: RepositoryInput = { path: 'homelab-tools', kind: 'tooling', kindReason: 'its only Dockerfiles build helper images', detections: [found('docker', at('tools/pxe/Dockerfile'))], warnings: [] };

  it('counts services only in an organization coverage: a library is never asked to containerise', () => {
    const result = assess({ ...base, sources: history, repositories: [service('api', ['skaffold']), service('web'), lib, tool] });
    expect(result.capabilities.find((c) => c.id === 'containerized-services')).toMatchObject({ status: 'met', coverage: { covered: 2, total: 2, unit: 'service repositories' } });
    expect(result.capabilities.find((c) => c.id === 'local-k8s-dev-loop')).toMatchObject({ status: 'partial', coverage: { covered: 1, total: 2 } });
    const places = result.roadmap.flatMap((s) => s.places.map((p) => p.repository));
    expect(places).not.toContain('sdk');
    expect(places).not.toContain('homelab-tools');
    expect(result.repositories.map((r) => [r.path, r.kind, r.kindReason])).toContainEqual(['sdk', 'library', 'code with nothing to build into an image or deploy']);
  });

  it('asks a library scanned alone for nothing: no roadmap, every capability unknown, stage 0', () => {
    const result = assess({ ...base, sources: history, repositories: [lib] });
    expect(result.roadmap).toEqual([]);
    expect(result.capabilities.filter((c) => c.status !== 'unknown' && c.status !== 'met').map((c) => c.id)).toEqual([]);
    expect(result.stage).toBe(0);
  });
});

describe('categories: any tool of a kind serves its capability', () => {
  const tailored = structuredClone(model);
  tailored.signals.push({ id: 'victoriametrics', name: 'VictoriaMetrics', kind: 'tool', category: 'metrics-backend' }, { id: 'datadog', name: 'Datadog', kind: 'tool', category: ['observability-platform'] });
  const context = { sources: new Set<SourceKind>(['platform-repository']), orgSignals: new Set<string>(), categories: categoriesOf(tailored.signals) };
  const monitoring = tailored.capabilities.find((c) => c.id === 'monitoring')!;

  it('meets monitoring with a metrics backend the capability never names', () => {
    const result = evaluateCapability(monitoring, evidenceSet([found('victoriametrics', at('k8s/vmsingle.yaml', 4))]), context);
    expect(result).toMatchObject({ status: 'met', signals: ['victoriametrics'], evidence: [{ file: 'k8s/vmsingle.yaml', line: 4 }] });
  });

  it('does not let a suite client library alone meet monitoring, while a deployed agent does', () => {
    expect(evaluateCapability(monitoring, evidenceSet([library('datadog', 'package.json', 9, 'dd-trace')]), context).status).toBe('missing');
    expect(evaluateCapability(monitoring, evidenceSet([found('datadog', at('helm/datadog-values.yaml', 1))]), context).status).toBe('met');
  });

  it('lets a configuration choose the categories a capability accepts', () => {
    const narrowed = applyOverrides(tailored, { capabilities: { monitoring: { categories: [] } } }, '.k8s-maturity.yaml');
    const result = evaluateCapability(narrowed.capabilities.find((c) => c.id === 'monitoring')!, evidenceSet([found('victoriametrics')]), context);
    expect(result.status).toBe('missing');
  });
});

describe('the staged rule with unknowns', () => {
  const result = (stage: number, status: string, required = true) => ({ id: `${stage}-${status}`, name: 'c', scope: 'platform', signals: [], evidence: [], stage, required, status });
  const stage = (...r: ReturnType<typeof result>[]) => stageOf(r as Parameters<typeof stageOf>[0]);

  it('takes an all-unknown stage on trust below a shown one, and never claims a stage that shows nothing', () => {
    expect(stage(result(1, 'unknown'), result(2, 'met'), result(3, 'met'), result(4, 'missing'), result(5, 'unknown'))).toEqual({ stage: 3, provisional: true });
    expect(stage(result(1, 'met'), result(2, 'met'), result(3, 'met'), result(4, 'met'), result(5, 'unknown'))).toEqual({ stage: 4, provisional: true });
    expect(stage(result(1, 'unknown'), result(2, 'unknown'), result(3, 'unknown'), result(4, 'unknown'), result(5, 'unknown'))).toEqual({ stage: 0, provisional: true });
  });

  it('takes all-unknown stages on trust below a stage that shows something, even when that stage has a gap', () => {
    // azure-voting-app-redis: a Deployment in git (stage 2 met) but no CI (stage 2 missing), cluster unknown
    expect(stage(result(1, 'unknown'), result(2, 'met'), result(2, 'missing'), result(3, 'met'))).toEqual({ stage: 1, provisional: true });
    // a Dockerfile and nothing else: stage 2 shows nothing, so nothing below it is vouched for
    expect(stage(result(1, 'unknown'), result(2, 'unknown'), result(2, 'missing'), result(3, 'met'))).toEqual({ stage: 0, provisional: true });
    // a stage with a gap never vouches for itself
    expect(stage(result(1, 'met'), result(2, 'met'), result(2, 'partial'))).toEqual({ stage: 1, provisional: false });
  });

  it('is settled when every counted capability is met and the next stage has a gap', () => {
    expect(stage(result(1, 'met'), result(2, 'met'), result(3, 'partial'), result(4, 'unknown'))).toEqual({ stage: 2, provisional: false });
  });
});

describe('repositories whose charts or manifests are in real use, scanned alone (set C)', () => {
  it('leaves the cluster of a GitOps repository that delivers to a cluster defined elsewhere unknown: stage 1, provisional', () => {
    // Modelled on stefanprodan/gitops-istio: Flux, Istio, Flagger and apps from git; no Terraform, no cluster definition.
    const gitops: RepositoryInput = {
      path: 'gitops-istio',
      kind: 'platform',
      kindReason: 'declares infrastructure, clusters or delivery: flux (clusters/my-cluster/flux-system/gotk-sync.yaml:1)',
      detections: [
        found('flux', at('clusters/my-cluster/flux-system/gotk-sync.yaml', 1, 'GitRepository flux-system')),
        found('k8s-manifests', at('apps/backend/deployment.yaml', 1, 'apps/v1 Deployment backend')),
        found('kustomize', at('apps/backend/kustomization.yaml', 1)),
        found('helm', at('istio/system/flagger.yaml', 20, 'HelmRelease flagger')),
        found('github-actions', at('.github/workflows/e2e.yaml', 12)),
        found('grafana', at('istio/system/flagger.yaml', 41, 'chart grafana')),
        found('istio', at('istio/system/istio.yaml', 1)),
      ],
      warnings: [],
    };
    const result = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [gitops] });
    const cap = (id: string) => result.capabilities.find((c) => c.id === id)!;
    expect(cap('cluster-definition')).toMatchObject({ status: 'unknown', settledBy: ['kubernetes-infrastructure-repository', 'cluster'] });
    expect(cap('infrastructure-as-code').status).toBe('unknown');
    // what the repository can show is still judged: no log store is a gap of its own
    expect(cap('centralized-logging').status).toBe('missing');
    expect([result.stage, result.stageProvisional]).toEqual([1, true]);
    // beside Terraform of its own that only acts inside the cluster (its Flux provider), the cluster
    // is still made elsewhere: unknown, naming the code that was read; a declared cluster settles it
    const withTerraform: RepositoryInput = {
      ...gitops,
      detections: [...gitops.detections, found('terraform', at('infra/main.tf', 1, 'provider aws'))],
      kubernetesInInfrastructure: [{ file: 'infra/flux.tf', line: 1, detail: 'provider flux' }],
    };
    const elsewhere = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [withTerraform] });
    expect(elsewhere.capabilities.find((c) => c.id === 'cluster-definition')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('acts inside a cluster it does not declare (provider flux at infra/flux.tf:1)'),
    });
    expect([elsewhere.stage, elsewhere.stageProvisional]).toEqual([1, true]);
    const declared: RepositoryInput = { ...withTerraform, detections: [...withTerraform.detections, found('eks', at('infra/eks.tf', 3, 'module eks'))] };
    const settled = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [declared] });
    expect(settled.capabilities.find((c) => c.id === 'cluster-definition')!.status).toBe('met');
  });

  it('leaves the cluster definition unknown when the infrastructure code provisions another runtime (ECS, RDS, Lambda)', () => {
    // Modelled on acme-fitness-demo (set E): plain manifests applied by hand, a Compose file, and
    // CloudFormation for the same shop on ECS Fargate. The CloudFormation is infrastructure as
    // code, but it says nothing about whether a Kubernetes cluster is defined as code.
    const demo: RepositoryInput = {
      path: 'acme-fitness-demo',
      kind: 'platform',
      kindReason: 'declares infrastructure, clusters or delivery: cloudformation (aws-fargate/acme-fitness-shop.yaml:1)',
      detections: [
        found('cloudformation', at('aws-fargate/acme-fitness-shop.yaml', 1, 'CloudFormation template (44 resources)')),
        found('k8s-manifests', at('kubernetes-manifests/cart-total.yaml', 1, 'v1 Service cart')),
        found('docker-compose', at('docker-compose/docker-compose.yml', 3)),
        found('jaeger', at('kubernetes-manifests/jaeger-all-in-one.yml', 49)),
      ],
      warnings: [],
    };
    const result = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [demo] });
    const cap = (id: string) => result.capabilities.find((c) => c.id === id)!;
    expect(cap('cluster-definition')).toMatchObject({ status: 'unknown', settledBy: ['kubernetes-infrastructure-repository', 'cluster'] });
    expect(cap('cluster-definition').reason).toMatch(/^no Kubernetes found in the infrastructure code scanned \(cloudformation: aws-fargate\/acme-fitness-shop\.yaml:1\): no cluster declared/);
    expect(cap('infrastructure-as-code').status).toBe('met');
    // its manifests are in real use: never stage 0 (CI is its own gap at stage 2)
    expect([result.stage, result.stageProvisional]).toEqual([1, true]);
    expect(result.roadmap.map((s) => s.capability)).not.toContain('cluster-definition');
    // Terraform that declares the EKS cluster it runs on settles it
    const withEks = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [{ ...demo, detections: [...demo.detections, found('terraform'), found('eks', at('infra/eks.tf', 1))] }] });
    expect(withEks.capabilities.find((c) => c.id === 'cluster-definition')!.status).toBe('met');
  });

  it('claims no stage for infrastructure code of another runtime with no Kubernetes beside it', () => {
    // A CloudFormation stack of CI agents on EC2 (elastic-ci-stack-for-aws-like), or Terraform
    // for Nomad: infrastructure as code, but no Kubernetes platform's infrastructure.
    const stack: RepositoryInput = {
      path: 'ci-stack',
      kind: 'platform',
      kindReason: 'declares infrastructure, clusters or delivery: cloudformation (templates/aws-stack.yml:1)',
      detections: [found('cloudformation', at('templates/aws-stack.yml', 1)), found('packer', at('packer/linux/buildkite-ami.pkr.hcl', 1)), found('github-actions', at('.github/workflows/ci.yml', 1))],
      warnings: [],
    };
    const result = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [stack] });
    const cap = (id: string) => result.capabilities.find((c) => c.id === id)!;
    expect(cap('cluster-definition').status).toBe('unknown');
    expect(cap('cluster-definition').reason).toMatch(/^no Kubernetes found in the infrastructure code scanned \(cloudformation: templates\/aws-stack\.yml:1, packer: packer\/linux\/buildkite-ami\.pkr\.hcl:1\): no cluster declared/);
    // its CloudFormation is shown, but it is no cluster's infrastructure: there is no Kubernetes to rank
    expect(result.repositories[0]!.detections.map((d) => d.id)).toContain('cloudformation');
    expect(cap('infrastructure-as-code')).toMatchObject({ status: 'unknown', reason: 'ci-stack holds no Kubernetes: its infrastructure code (cloudformation: templates/aws-stack.yml:1) provisions another runtime' });
    expect([result.stage, result.stageProvisional]).toEqual([0, true]);
  });

  it('does not let Terraform for Nomad in a service repository without Kubernetes vouch for stage 1', () => {
    // Modelled on go-coffeeshop (set E): Go services with Dockerfiles, run by Compose or as Nomad jobs
    // that Terraform submits; no manifests and no CI.
    const coffeeshop: RepositoryInput = {
      path: 'go-coffeeshop',
      kind: 'service',
      detections: [found('docker', at('docker/Dockerfile-barista', 2)), found('docker-compose', at('docker-compose.yaml', 3)), found('terraform', at('build/nomad/nomad.tf', 1, 'provider nomad'))],
      warnings: [],
    };
    const result = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [coffeeshop] });
    expect(result.capabilities.find((c) => c.id === 'infrastructure-as-code')!.status).toBe('unknown');
    expect(result.stage).toBe(0);
    // the same Terraform beside a Deployment of its own is infrastructure of a Kubernetes shop
    const withManifests = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [{ ...coffeeshop, detections: [...coffeeshop.detections, found('k8s-manifests', at('k8s/barista.yaml'))] }] });
    expect(withManifests.capabilities.find((c) => c.id === 'infrastructure-as-code')!.status).toBe('met');
  });

  it('gives a chart repository (tooling) the stage its own charts and CI support, never asking it for a Dockerfile', () => {
    // Modelled on dataspace4health-lu/helm-data-exchange: an umbrella chart and a Jenkins pipeline.
    const chart: RepositoryInput = {
      path: 'helm-data-exchange',
      kind: 'tooling',
      kindReason: 'Helm charts for others to install, without application code or delivery of its own (Chart.yaml:2)',
      detections: [
        found('helm', at('Chart.yaml', 2, 'chart data-exchange')),
        found('jenkins', at('Jenkinsfile', 1, 'pipeline')),
        { id: 'probes', evidence: [at('components/dps/templates/deployment.yaml', 11)], coverage: { covered: 1, total: 1, unit: 'containers', missing: [] } },
      ],
      warnings: [],
    };
    const result = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [chart] });
    expect([result.stage, result.stageProvisional]).toEqual([2, true]);
    expect(result.roadmap.map((s) => s.capability)).not.toContain('containerized-services');
    // tooling without charts or manifests (an installer, a CLI) still claims nothing
    const installer = assess({ ...base, sources: new Set<SourceKind>(['repository']), repositories: [{ ...chart, detections: [found('jenkins', at('Jenkinsfile', 1))] }] });
    expect(installer.stage).toBe(0);
  });
});
