import type { Coverage, Detection, Evidence, FileEvidence, RepositoryKind, ScanWarning, SignalId, SourceKind } from '../core/types.js';
import type { Assessment, CapabilityResult, ClusterAssessment, MaturityModel, RepositoryAssessment, TeamAssessment } from './types.js';
import { categoriesOf, evaluateCapability, evidenceSet, mergeCoverage, stageOf, type Attestation, type CapabilityContext, type EvidenceSet, type Exemption } from './evaluate.js';
import { buildRoadmap } from './roadmap.js';
import { holdsKubernetes, sourceNotesOf, sourcesOf, withoutOtherRuntimes } from './sources.js';

export interface RepositoryInput {
  path: string;
  kind: RepositoryKind;
  /** Why it is that kind ("builds an image: Dockerfile:1", "set in .k8s-maturity.yaml"). */
  kindReason?: string;
  detections: Detection[];
  warnings: ScanWarning[];
  /** Signals this repository's sources could not settle (shallow history…), with the reason. */
  unknown?: [SignalId, string][];
  /** Signals looked for and not found, with the fact behind it ("only alice@… changed deploy files"). */
  absent?: [SignalId, string][];
  exemptions?: Exemption[];
  /**
   * Where its infrastructure code touches Kubernetes without a signal saying so (a kubernetes or
   * helm provider, a `helm_release`, `@pulumi/kubernetes`, CDK `aws-eks`): with a cluster signal
   * (eks, k3s, talos…), what makes it a `kubernetes-infrastructure-repository`.
   */
  kubernetesInInfrastructure?: FileEvidence[];
}

export interface ClusterInput {
  name: string;
  detections: Detection[];
  warnings: ScanWarning[];
  /** Permissions the scan lacked, e.g. "list pods". */
  forbidden?: string[];
}

export interface TeamInput {
  name: string;
  repositories: string[];
  attestations?: Attestation[];
  exemptions?: Exemption[];
}

export interface AssessInput {
  model: MaturityModel;
  organization: string;
  toolVersion: string;
  now: Date;
  repositories: RepositoryInput[];
  clusters: ClusterInput[];
  sources: ReadonlySet<SourceKind>;
  /** Without a team configuration the organization is one team. */
  teams?: TeamInput[];
  /** Organization-level facts that belong to no repository or cluster (the team configuration). */
  organizationDetections?: Detection[];
  /** Attestations that apply to the organization as a whole (platform capabilities). */
  attestations?: Attestation[];
  warnings?: ScanWarning[];
}

/** Why a signal of a kind of source that was not given is unknown. */
function missingSourceReasons(model: MaturityModel, sources: ReadonlySet<SourceKind>): [SignalId, string][] {
  const out: [SignalId, string][] = [];
  for (const signal of model.signals) {
    if (signal.kind === 'history' && !sources.has('history')) out.push([signal.id, 'needs git history: scan git work trees with full history']);
    if (signal.kind === 'cluster' && !sources.has('cluster') && !sources.has('team-config')) {
      out.push([signal.id, 'needs a cluster (--kubeconfig/--context or --cluster-snapshot) or a team configuration (--config)']);
    }
  }
  return out;
}

/**
 * A tooling repository that ships charts or manifests in real use (an umbrella chart, a chart
 * collection) shows its own Kubernetes work: its stage follows its evidence, as a service's does.
 */
function shipsWorkloads(model: MaturityModel, repo: RepositoryInput): boolean {
  const formats = new Set(categoriesOf(model.signals).get('manifest-format') ?? []);
  return repo.kind === 'tooling' && repo.detections.some((d) => d.evidence.length > 0 && formats.has(d.id));
}

/**
 * Who changes a library's or a tool's files says nothing about who runs the platform or deploys
 * services: its history signals are unknown there, never evidence either way.
 */
function withoutForeignHistory(model: MaturityModel, repo: RepositoryInput): RepositoryInput {
  if (repo.kind === 'platform' || repo.kind === 'service') return repo;
  const history = new Set(model.signals.filter((s) => s.kind === 'history').map((s) => s.id));
  const reason = `${repo.path} is a ${repo.kind} repository: its history says nothing about platform or service deploy files`;
  return {
    ...repo,
    detections: repo.detections.filter((d) => !history.has(d.id)),
    absent: (repo.absent ?? []).filter(([id]) => !history.has(id)),
    unknown: [...(repo.unknown ?? []).filter(([id]) => !history.has(id)), ...[...history].map((id): [SignalId, string] => [id, reason])],
  };
}

export function assess(given: AssessInput): Assessment {
  const input = { ...given, repositories: given.repositories.map((r) => withoutForeignHistory(given.model, r)) };
  const { model } = input;
  const sources = sourcesOf(input);
  const sourceUnknown = missingSourceReasons(model, sources);
  const forbidden = input.clusters.flatMap((c) => (c.forbidden ?? []).map((p) => `${c.name}: ${p}`));

  // The organization: every repository's and cluster's detections together, evidence qualified.
  // Infrastructure code of a repository with no Kubernetes (Nomad's Terraform) is shown, not counted.
  const kubernetesEvidence = input.repositories.map((r) => withoutOtherRuntimes(model, r));
  const orgDetections: Detection[] = [
    ...kubernetesEvidence.flatMap(({ repo, detections }) => detections.map((d) => qualify(d, repo.path))),
    ...input.clusters.flatMap((c) => c.detections.map((d) => ({ ...d, evidence: d.evidence.map((e) => ('object' in e ? { ...e, cluster: e.cluster ?? c.name, source: 'cluster' as const } : e)) }))),
    ...(input.organizationDetections ?? []),
  ];
  const orgUnknown: [SignalId, string][] = [...sourceUnknown, ...input.repositories.flatMap((r) => r.unknown ?? []), ...kubernetesEvidence.flatMap((k) => k.unknown)];
  // A signal seen anywhere is not unknown for the organization (looked up in a set: an unknown per
  // repository against every detection grew with the square of the repositories).
  const seen = new Set(orgDetections.filter((d) => d.evidence.length > 0).map((d) => d.id));
  const orgSet = evidenceSet(orgDetections, orgUnknown.filter(([id]) => !seen.has(id)), input.repositories.flatMap((r) => r.absent ?? []));
  const orgSignals = new Set([...orgSet.detections.keys()].filter((id) => (orgSet.detections.get(id)?.evidence.length ?? 0) > 0));
  const baseContext = { sources, sourceNotes: sourceNotesOf(input, sources), orgSignals, categories: categoriesOf(model.signals) };

  const platformCaps = model.capabilities.filter((c) => c.scope === 'platform');
  const serviceCaps = model.capabilities.filter((c) => c.scope === 'service');
  const orgPlatform = platformCaps.map((c) => withForbidden(evaluateCapability(c, orgSet, { ...baseContext, ...(input.attestations ? { attestations: input.attestations } : {}) }), c.sources, forbidden));

  // Service capabilities per service repository.
  const services = input.repositories.filter((r) => r.kind === 'service');
  const teamOfRepo = new Map<string, TeamInput>();
  for (const team of input.teams ?? []) for (const path of team.repositories) teamOfRepo.set(path, team);
  const repoServiceResults = new Map<string, CapabilityResult[]>();
  for (const repo of input.repositories) {
    const set = evidenceSet(repo.detections.map((d) => qualify(d, repo.path)), [...sourceUnknown, ...(repo.unknown ?? [])], repo.absent ?? []);
    const team = teamOfRepo.get(repo.path);
    const context: CapabilityContext = {
      ...baseContext,
      exemptions: [...(repo.exemptions ?? []), ...(team?.exemptions ?? [])],
      ...(team?.attestations ? { attestations: team.attestations } : {}),
    };
    repoServiceResults.set(repo.path, serviceCaps.map((c) => evaluateCapability(c, set, context)));
  }

  const orgService = serviceCaps.map((c) => aggregateService(c.id, services.map((r) => ({ path: r.path, result: repoServiceResults.get(r.path)!.find((x) => x.id === c.id)! })), () => evaluateCapability(c, orgSet, baseContext)));
  const orgCapabilities = sortByModel(model, [...orgPlatform, ...orgService]);
  // Only libraries and tooling scanned: no source can show Kubernetes adoption, so no stage is
  // claimed from their CI alone (they are not assessed, and say so under toVerify), unless a
  // tooling repository ships charts or manifests of its own; nor a platform without Kubernetes in it.
  const assessable =
    input.repositories.some((r) => r.kind === 'platform' && holdsKubernetes(model, r)) ||
    sources.has('service-repository') ||
    sources.has('cluster') ||
    input.repositories.some((r) => shipsWorkloads(model, r));
  const stageOfHere = (capabilities: readonly CapabilityResult[]) => (assessable ? stageOf(capabilities) : { stage: 0, provisional: true });
  const orgStage = stageOfHere(orgCapabilities);

  const repositories = assessRepositories(input, { services, serviceCaps, orgService, orgPlatform, repoServiceResults, stageOfHere });

  const teams = assessTeams(input, { services, serviceCaps, orgService, orgPlatform, repoServiceResults, stageOfHere });

  const clusters: ClusterAssessment[] = input.clusters.map((c) => ({ name: c.name, detections: withEvidence(c.detections), warnings: c.warnings }));

  return {
    schemaVersion: 1,
    tool: { name: 'k8s-maturity', version: input.toolVersion },
    generatedAt: input.now.toISOString(),
    organization: input.organization,
    model: { version: model.version, source: model.source, stages: model.stages },
    stage: orgStage.stage,
    stageProvisional: orgStage.provisional,
    repositories,
    clusters,
    capabilities: orgCapabilities,
    teams,
    roadmap: buildRoadmap(model, orgStage.stage, orgCapabilities, repositories),
    toVerify: toVerifyOf(orgCapabilities),
    warnings: warningsOf(input),
  };
}

interface Judged {
  services: readonly AssessInput['repositories'][number][];
  serviceCaps: readonly MaturityModel['capabilities'][number][];
  orgService: readonly CapabilityResult[];
  orgPlatform: readonly CapabilityResult[];
  repoServiceResults: ReadonlyMap<string, CapabilityResult[]>;
  stageOfHere: (capabilities: readonly CapabilityResult[]) => { stage: number; provisional: boolean };
}

/** Required capabilities no source could settle, each with what would settle it. */
function toVerifyOf(capabilities: readonly CapabilityResult[]): Assessment['toVerify'] {
  return capabilities
    .filter((c) => c.required && c.status === 'unknown' && !c.reason?.startsWith('not applicable'))
    .map((c) => ({ capability: c.id, reason: c.reason ?? 'the sources given cannot tell', ...(c.settledBy ? { settledBy: c.settledBy } : {}) }));
}

/** The scan's warnings, each repository's named for it, then the clusters'. */
function warningsOf(input: AssessInput): Assessment['warnings'] {
  return [
    ...(input.warnings ?? []),
    ...input.repositories.flatMap((r) => r.warnings.map((w) => ({ ...w, repository: r.path }))),
    ...input.clusters.flatMap((c) => c.warnings),
  ];
}

/** Each repository: a service by its own service capabilities, any other kind by the organization's. */
function assessRepositories(input: AssessInput, { orgService, orgPlatform, repoServiceResults, stageOfHere }: Judged): RepositoryAssessment[] {
  return input.repositories.map((repo): RepositoryAssessment => {
    const own = repo.kind === 'service' ? repoServiceResults.get(repo.path)! : orgService;
    const capabilities = sortByModel(input.model, [...orgPlatform, ...own]);
    const stage = stageOfHere(capabilities);
    return {
      path: repo.path,
      kind: repo.kind,
      kindReason: repo.kindReason ?? `given as a ${repo.kind} repository`,
      stage: stage.stage,
      stageProvisional: stage.provisional,
      detections: withEvidence(repo.detections),
      capabilities,
      warnings: repo.warnings,
    };
  });
}

/** Each team: its services' capabilities aggregated, the organization's platform ones with the team's attestations. */
function assessTeams(input: AssessInput, { services, serviceCaps, orgService, orgPlatform, repoServiceResults, stageOfHere }: Judged): TeamAssessment[] {
  const teamInputs = input.teams && input.teams.length > 0 ? input.teams : [{ name: input.organization, repositories: input.repositories.map((r) => r.path) }];
  return teamInputs.map((team): TeamAssessment => {
    const members = services.filter((r) => team.repositories.includes(r.path));
    // A team without services of its own (the platform team) is judged by the organization's services.
    const teamService = members.length === 0 ? orgService : serviceCaps.map((c) => aggregateService(c.id, members.map((r) => ({ path: r.path, result: repoServiceResults.get(r.path)!.find((x) => x.id === c.id)! })), () => orgService.find((x) => x.id === c.id)!));
    const teamPlatform = orgPlatform.map((result) => {
      const attestation = team.attestations?.find((a) => a.capability === result.id);
      if (!attestation || result.status === 'met') return result;
      return { ...result, status: 'met' as const, byAttestation: true, evidence: [{ attestation: attestation.statement, by: attestation.by, date: attestation.date, ...(attestation.link ? { link: attestation.link } : {}), source: 'attestation' as const }] };
    });
    const capabilities = sortByModel(input.model, [...teamPlatform, ...teamService]);
    const stage = stageOfHere(capabilities);
    return { name: team.name, stage: stage.stage, stageProvisional: stage.provisional, repositories: team.repositories, capabilities };
  });
}

/** Evidence lifted to the organization names its repository. */
function qualify(detection: Detection, repository: string): Detection {
  const evidence = detection.evidence.map((e): Evidence => ('file' in e ? { ...e, repository } : e));
  const coverage = detection.coverage ? { ...detection.coverage, missing: detection.coverage.missing.map((e) => ('file' in e ? { ...e, repository } : e)) as Evidence[] } : undefined;
  return { ...detection, evidence, ...(coverage ? { coverage } : {}) };
}

/**
 * A service capability over several service repositories: met when all meet it, and the coverage
 * says how many do. Practices with their own population (probes over containers) sum that instead.
 */
function aggregateService(id: string, results: { path: string; result: CapabilityResult }[], whenNoServices: () => CapabilityResult): CapabilityResult {
  if (results.length === 0) {
    // What was seen elsewhere (a helper image, a library's instrumentation) stays visible, but only
    // a service repository can meet a service capability.
    const { coverage: _coverage, blockedBy: _blockedBy, ...seen } = whenNoServices();
    return { ...seen, status: 'unknown', reason: 'no service repository scanned: add the repositories of your services', settledBy: ['service-repository'] };
  }
  const first = results[0]!.result;
  const evidence = results.flatMap((r) => r.result.evidence);
  const signals = [...new Set(results.flatMap((r) => r.result.signals))];
  const blockedBy = results.flatMap((r) => r.result.blockedBy ?? []);
  // An exempted repository is left out of the population: counting it as covered would report
  // "met" for what is only waived. When every repository is exempt, the waiver itself is the answer.
  const exempt = results.filter((r) => r.result.exemption !== undefined);
  if (exempt.length === results.length) return { ...first, exemption: first.exemption! };
  const judged = results.filter((r) => r.result.exemption === undefined && !(r.result.status === 'unknown' && r.result.reason?.startsWith('not applicable')));
  const unknown = judged.filter((r) => r.result.status === 'unknown');
  const met = judged.filter((r) => r.result.status === 'met');
  const innerCoverage = results.filter((r) => r.result.exemption === undefined).map((r) => r.result.coverage).filter((c): c is Coverage => c !== undefined);
  let coverage: Coverage;
  if (innerCoverage.length > 0) {
    coverage = innerCoverage.reduce<Coverage | undefined>((acc, c) => mergeCoverage(acc, c), undefined)!;
  } else {
    const missing = judged.filter((r) => !met.includes(r) && r.result.status !== 'unknown');
    coverage = { covered: met.length, total: judged.length - unknown.length, unit: 'service repositories', missing: missing.map((r) => ({ history: r.result.reason ?? r.result.status, repository: r.path })) };
  }
  let status: CapabilityResult['status'];
  if (judged.length === 0 || coverage.total === 0) status = 'unknown';
  else if (blockedBy.length > 0) status = 'missing';
  else if (coverage.covered >= coverage.total && unknown.length === 0) status = 'met';
  else if (coverage.covered >= coverage.total && unknown.length > 0) status = 'unknown';
  else if (coverage.covered > 0) status = 'partial';
  else status = 'missing';
  const reason =
    status === 'met' ? undefined
    : status === 'unknown' ? (unknown[0]?.result.reason ?? first.reason ?? 'the sources given cannot tell')
    : blockedBy.length > 0 ? `blocked by ${[...new Set(blockedBy.map((b) => b.id))].join(', ')}`
    : `${coverage.covered} of ${coverage.total} ${coverage.unit}`;
  return {
    id,
    stage: first.stage,
    name: first.name,
    required: first.required,
    scope: 'service',
    status,
    signals,
    evidence,
    coverage,
    ...(reason ? { reason } : {}),
    ...(blockedBy.length > 0 ? { blockedBy } : {}),
    ...(results.every((r) => r.result.byAttestation) ? { byAttestation: true } : {}),
  };
}

/** A missing platform capability that a forbidden cluster read could have shown is unknown, not missing. */
function withForbidden(result: CapabilityResult, sources: readonly SourceKind[], forbidden: string[]): CapabilityResult {
  if (forbidden.length === 0 || result.status !== 'missing' || !sources.includes('cluster') || result.blockedBy) return result;
  return { ...result, status: 'unknown', reason: `the cluster scan lacked permissions: ${forbidden.join(', ')}` };
}

function sortByModel(model: MaturityModel, results: CapabilityResult[]): CapabilityResult[] {
  const order = new Map(model.capabilities.map((c, i) => [c.id, i]));
  return [...results].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

export type { EvidenceSet };

/**
 * What was detected, as reported: a detection always carries its evidence. A measurement that
 * found nothing ("0 of 4 containers have probes") served the evaluation above and is shown in the
 * capability's coverage, with the places that lack it; it is not a detection of anything.
 */
function withEvidence(detections: Detection[]): Detection[] {
  return detections.filter((d) => d.evidence.length > 0);
}
