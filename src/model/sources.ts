import type { Detection, Evidence, FileEvidence, RepositoryKind, SignalId, SourceKind } from '../core/types.js';
import { categoriesOf } from './evaluate.js';
import type { MaturityModel } from './types.js';

/** What these rules read of a repository given to the assessment (assess.ts's RepositoryInput). */
interface RepositoryInput {
  path: string;
  kind: RepositoryKind;
  detections: Detection[];
  kubernetesInInfrastructure?: FileEvidence[];
}

interface AssessInput {
  model: MaturityModel;
  sources: ReadonlySet<SourceKind>;
  repositories: readonly RepositoryInput[];
}

/*
 * Which kinds of source a scan holds, from the repositories given: what decides whether a
 * capability that no source can show is unknown rather than missing (docs/how-it-decides.md, "Scope").
 */

/**
 * The sources of this scan, with the kinds of repository given: a platform capability can be shown
 * only by a platform repository or a cluster, so without either it is unknown rather than missing.
 */
export function sourcesOf(input: AssessInput): Set<SourceKind> {
  const sources = new Set(input.sources);
  const platforms = input.repositories.filter((r) => r.kind === 'platform');
  if (platforms.length > 0) sources.add('platform-repository');
  // A GitOps repository delivering to a cluster defined elsewhere cannot show that cluster or its
  // infrastructure: only a platform repository that declares some infrastructure can say it lacks
  // it; and only when Kubernetes is in it at all: CloudFormation for ECS in a repository without a
  // manifest (a Buildkite agent stack, Nomad's Terraform) is no Kubernetes platform's infrastructure.
  const infrastructure = settledSignals(input.model, 'infrastructure-repository');
  if (platforms.some((r) => showsAny(r, infrastructure) && holdsKubernetes(input.model, r))) sources.add('infrastructure-repository');
  // Nor can infrastructure code that provisions another runtime (ECS, Lambda, Nomad, VMs, a
  // database) show whether a Kubernetes cluster is code, nor code that only acts inside a cluster
  // (a helm or kubernetes provider, helm_release, manifests applied): it deploys into a cluster made
  // elsewhere, by a repository or a console this scan cannot see. Only code that declares a cluster
  // settles it, so from repositories the cluster definition is met or unknown, never missing
  // (issue #14: charts and manifests in real use never read stage 0 for want of a cluster in view).
  if (platforms.some((r) => declaresCluster(input.model, r))) sources.add('kubernetes-infrastructure-repository');
  if (input.repositories.some((r) => r.kind === 'service')) sources.add('service-repository');
  return sources;
}

function showsAny(repo: RepositoryInput, signals: ReadonlySet<SignalId>): boolean {
  return repo.detections.some((d) => d.evidence.length > 0 && signals.has(d.id));
}

/** Its infrastructure code declares a cluster or installs a distribution (a signal the cluster definition accepts). */
function declaresCluster(model: MaturityModel, repo: RepositoryInput): boolean {
  return showsAny(repo, settledSignals(model, 'kubernetes-infrastructure-repository'));
}

/** Its infrastructure code declares or configures a cluster, installs a distribution or applies manifests. */
function touchesKubernetes(model: MaturityModel, repo: RepositoryInput): boolean {
  return (repo.kubernetesInInfrastructure?.length ?? 0) > 0 || declaresCluster(model, repo);
}

/** Kubernetes is in it at all: infrastructure code that touches it, or objects, charts or GitOps delivery of its own. */
export function holdsKubernetes(model: MaturityModel, repo: RepositoryInput): boolean {
  return touchesKubernetes(model, repo) || showsAny(repo, signalSetsOf(model).objects);
}

/**
 * Why a kind of source is missing although something near it was scanned: infrastructure code
 * that touches no Kubernetes is named, so a reader sees that its CloudFormation was read and why
 * it does not settle the cluster definition.
 */
export function sourceNotesOf(input: AssessInput, sources: ReadonlySet<SourceKind>): Partial<Record<SourceKind, string>> {
  if (sources.has('kubernetes-infrastructure-repository')) return {};
  const infrastructure = settledSignals(input.model, 'infrastructure-repository');
  const many = input.repositories.length > 1;
  const actsIn = input.repositories
    .filter((r) => r.kind === 'platform')
    .flatMap((r) => (r.kubernetesInInfrastructure ?? []).slice(0, 1).map((e) => `${e.detail} at ${placeOf(e, many ? r.path : undefined)}`));
  if (actsIn.length > 0) {
    const read = actsIn.slice(0, 2).join(', ');
    const elsewhere = `the infrastructure code scanned acts inside a cluster it does not declare (${read}): ${ELSEWHERE}`;
    return { 'kubernetes-infrastructure-repository': elsewhere };
  }
  const shown = input.repositories
    .filter((r) => r.kind === 'platform')
    .flatMap((r) => r.detections.filter((d) => infrastructure.has(d.id) && d.evidence.length > 0).map((d) => ({ d, r })))
    .map(({ d, r }) => `${d.id}: ${placeOf(d.evidence[0]!, many ? r.path : undefined)}`);
  if (shown.length === 0) return {};
  const scanned = `${shown.slice(0, 3).join(', ')}${shown.length > 3 ? '…' : ''}`;
  const none = `no Kubernetes found in the infrastructure code scanned (${scanned}): ${NO_KUBERNETES}`;
  return {
    'kubernetes-infrastructure-repository': none,
    ...(sources.has('infrastructure-repository') ? {} : { 'infrastructure-repository': `${none}, and no Kubernetes objects or delivery are beside it` }),
  };
}

const ELSEWHERE = 'the repository that creates the cluster, or the cluster itself, would settle it';
const NO_KUBERNETES = 'no cluster declared, no kubernetes or helm provider configured, no manifests applied';

function placeOf(evidence: Evidence, repository?: string): string {
  const where =
    'file' in evidence ? `${evidence.file}:${evidence.line}`
    : 'object' in evidence ? evidence.object
    : 'history' in evidence ? evidence.history
    : evidence.attestation;
  return repository ? `${repository}/${where}` : where;
}

/** Signals any capability settled by that kind of source accepts (Terraform, EKS, Ansible, Talos… for infrastructure). */
function settledSignals(model: MaturityModel, source: SourceKind): ReadonlySet<SignalId> {
  const sets = signalSetsOf(model).settled;
  let ids = sets.get(source);
  if (!ids) {
    const byCategory = categoriesOf(model.signals);
    ids = new Set<SignalId>();
    for (const capability of model.capabilities) {
      if (!capability.sources.includes(source)) continue;
      for (const slot of capability.alternatives.flat()) for (const id of slot.split('|')) ids.add(id.trim());
      for (const category of capability.categories ?? []) for (const id of byCategory.get(category) ?? []) ids.add(id);
    }
    sets.set(source, ids);
  }
  return ids;
}

/**
 * The signal sets these rules ask of a model, derived once per model: they were rebuilt for every
 * repository of an organization (holdsKubernetes and the source tests run per repository).
 */
const SIGNAL_SETS = new WeakMap<MaturityModel, { objects: ReadonlySet<SignalId>; settled: Map<SourceKind, Set<SignalId>> }>();

function signalSetsOf(model: MaturityModel): { objects: ReadonlySet<SignalId>; settled: Map<SourceKind, Set<SignalId>> } {
  let sets = SIGNAL_SETS.get(model);
  if (!sets) {
    const byCategory = categoriesOf(model.signals);
    sets = { objects: new Set([...(byCategory.get('manifest-format') ?? []), ...(byCategory.get('gitops') ?? [])]), settled: new Map() };
    SIGNAL_SETS.set(model, sets);
  }
  return sets;
}

type Counted<R> = { repo: R; detections: Detection[]; unknown: [SignalId, string][] };

/**
 * The detections of a repository that count for the organization's Kubernetes capabilities. In a
 * repository with no Kubernetes in it at all (Terraform for Nomad beside a Compose file, a
 * CloudFormation stack of CI agents), the infrastructure code provisions another runtime: it is
 * still shown among the repository's detections, but it is not the infrastructure a cluster runs
 * on, so those signals are unknown here, with the reason, rather than meeting infrastructure as code.
 */
export function withoutOtherRuntimes<R extends RepositoryInput>(model: MaturityModel, repo: R): Counted<R> {
  if (holdsKubernetes(model, repo)) return { repo, detections: repo.detections, unknown: [] };
  const infrastructure = settledSignals(model, 'infrastructure-repository');
  const other = repo.detections.filter((d) => infrastructure.has(d.id) && d.evidence.length > 0);
  if (other.length === 0) return { repo, detections: repo.detections, unknown: [] };
  const why = (d: Detection) => `${repo.path} holds no Kubernetes: its infrastructure code (${d.id}: ${placeOf(d.evidence[0]!)}) provisions another runtime`;
  const unknown = other.map((d): [SignalId, string] => [d.id, why(d)]);
  return { repo, detections: repo.detections.filter((d) => !other.includes(d)), unknown };
}
