import type { CapabilityStatus, Coverage, Detection, Evidence, SignalId, SourceKind } from '../core/types.js';
import type { CapabilityResult, ModelCapability } from './types.js';

/**
 * Pure evaluation of the model over detections. No I/O: the same detections always give the same
 * statuses. The four outcomes are kept apart on purpose: "we could not tell" (unknown) is never
 * reported as "missing".
 */

/** What is known at one level (a repository, a team, the organization). */
export interface EvidenceSet {
  detections: Map<SignalId, Detection>;
  /** Signals that the sources given cannot settle, with what would settle them. */
  unknown: Map<SignalId, string>;
  /** Signals looked for and not found, with the fact that says so (from git history). */
  absent: Map<SignalId, string>;
}

export interface Exemption {
  capability?: string;
  signal?: string;
  reason: string;
}

export interface Attestation {
  capability: string;
  statement: string;
  by: string;
  date: string;
  link?: string;
  expires?: string;
}

export interface CapabilityContext {
  /** Kinds of source given to this scan. */
  sources: ReadonlySet<SourceKind>;
  /** Why a kind of source that was not given does not count (infrastructure code that touches no Kubernetes), for the reason. */
  sourceNotes?: Partial<Record<SourceKind, string>>;
  /** The model's signals by category (categoriesOf): a capability that accepts a category accepts each of them. */
  categories?: ReadonlyMap<string, readonly SignalId[]>;
  /** Signals present anywhere in the organization: decides conditional requirements (self-managed clusters). */
  orgSignals: ReadonlySet<SignalId>;
  exemptions?: readonly Exemption[];
  attestations?: readonly Attestation[];
}

export function evidenceSet(detections: Iterable<Detection>, unknown: Iterable<[SignalId, string]> = [], absent: Iterable<[SignalId, string]> = []): EvidenceSet {
  const map = new Map<SignalId, Detection>();
  for (const detection of detections) {
    const existing = map.get(detection.id);
    if (!existing) map.set(detection.id, { ...detection, evidence: [...detection.evidence] });
    else {
      existing.evidence.push(...detection.evidence);
      if (detection.coverage) existing.coverage = mergeCoverage(existing.coverage, detection.coverage);
    }
  }
  return { detections: map, unknown: new Map(unknown), absent: new Map(absent) };
}

export function mergeCoverage(a: Coverage | undefined, b: Coverage): Coverage {
  if (!a) return { ...b, missing: [...b.missing] };
  return { covered: a.covered + b.covered, total: a.total + b.total, unit: a.unit, missing: [...a.missing, ...b.missing] as Evidence[] };
}

/** A signal counts as present only with evidence; a bare coverage figure ("0 of 4") is not presence. */
function isPresent(set: EvidenceSet, id: SignalId): boolean {
  return (set.detections.get(id)?.evidence.length ?? 0) > 0;
}

/** The evidence of a signal that counts for a capability: without libraries when they are only instrumentation there. */
function countingEvidence(capability: ModelCapability, set: EvidenceSet, id: SignalId): Evidence[] {
  const evidence = set.detections.get(id)?.evidence ?? [];
  return capability.libraries === 'instrumentation' ? evidence.filter((e) => !isLibrary(e)) : evidence;
}

function isLibrary(e: Evidence): boolean {
  return 'file' in e && e.library === true;
}

/** The model's signals by category, for CapabilityContext.categories. */
export function categoriesOf(signals: readonly { id: SignalId; category?: string | string[] }[]): Map<string, SignalId[]> {
  const byCategory = new Map<string, SignalId[]>();
  for (const signal of signals) {
    for (const category of signal.category === undefined ? [] : [signal.category].flat()) {
      byCategory.set(category, [...(byCategory.get(category) ?? []), signal.id]);
    }
  }
  return byCategory;
}

/**
 * The alternatives a capability accepts: its own, then one single-slot alternative per signal of an
 * accepted category (any metrics backend serves monitoring), so a new tool needs no model edit.
 */
export function alternativesOf(capability: ModelCapability, categories: ReadonlyMap<string, readonly SignalId[]> | undefined): string[][] {
  const named = new Set(capability.alternatives.flat().flatMap((slot) => slot.split('|')));
  const extra: string[][] = [];
  for (const category of capability.categories ?? []) {
    for (const id of categories?.get(category) ?? []) {
      if (!named.has(id)) extra.push([id]);
      named.add(id);
    }
  }
  return [...capability.alternatives, ...extra];
}

export function isRequired(capability: ModelCapability, orgSignals: ReadonlySet<SignalId>): boolean {
  if (typeof capability.required === 'boolean') return capability.required;
  return capability.required.whenAny.some((id) => orgSignals.has(id));
}

type SlotStatus = 'met' | 'unknown' | 'missing';

function slotStatus(capability: ModelCapability, set: EvidenceSet, slot: string): { status: SlotStatus; reason?: string } {
  const ids = slot.split('|');
  if (ids.some((id) => countingEvidence(capability, set, id).length > 0)) return { status: 'met' };
  const unknown = ids.find((id) => set.unknown.has(id));
  return unknown ? { status: 'unknown', reason: set.unknown.get(unknown)! } : { status: 'missing' };
}

/** Evaluates one capability on one evidence set. */
export function evaluateCapability(capability: ModelCapability, set: EvidenceSet, context: CapabilityContext): CapabilityResult {
  const required = isRequired(capability, context.orgSignals);
  const base = { id: capability.id, stage: capability.stage, name: capability.name, required, scope: capability.scope };
  const exemption = context.exemptions?.find((e) => e.capability === capability.id);

  const attestation = context.attestations?.find((a) => a.capability === capability.id);
  const result = attestation ? attested(base, attestation) : { ...detect(capability, set, context), required };
  if (exemption) result.exemption = exemption.reason;

  // Anti-patterns block whatever else is there (a vault does not excuse plaintext Secrets in git).
  const blockers = (capability.blockedBy ?? [])
    .filter((id) => isPresent(set, id) && !context.exemptions?.some((e) => e.signal === id))
    .map((id) => ({ id, evidence: set.detections.get(id)!.evidence }));
  if (blockers.length > 0 && !attestation) {
    const count = blockers.reduce((n, b) => n + b.evidence.length, 0);
    return { ...result, status: 'missing', blockedBy: blockers, reason: `blocked by ${blockers.map((b) => b.id).join(', ')} (${count} place${count === 1 ? '' : 's'})` };
  }
  return attestation ? result : outOfScope(capability, result, context.sources, context.sourceNotes);
}

/**
 * What no given source could show is unknown, never missing: platform capabilities of a service
 * repository scanned alone (its cluster is declared elsewhere), culture without git history. The
 * evidence seen stays; the reason names the sources that would settle it.
 */
function outOfScope(
  capability: ModelCapability,
  result: CapabilityResult,
  sources: ReadonlySet<SourceKind>,
  notes: CapabilityContext['sourceNotes'] = {},
): CapabilityResult {
  if ((result.status !== 'missing' && result.status !== 'partial') || result.coverage) return result;
  if (capability.sources.some((source) => sources.has(source) || (source === 'repository' && (sources.has('platform-repository') || sources.has('service-repository'))))) return result;
  const seen = result.status === 'partial' ? `partly seen (${result.reason ?? 'incomplete'}); ` : result.instrumentation ? `${result.reason ?? ''}; ` : '';
  const note = capability.sources.map((source) => notes[source]).find((text) => text !== undefined);
  return { ...result, status: 'unknown', reason: `${seen}${note ? `${note}; ` : ''}${needsSources(capability.sources)}`, settledBy: [...capability.sources] };
}

const SOURCE_NAMES: Record<SourceKind, string> = {
  repository: 'a repository',
  'platform-repository': 'a platform repository',
  'infrastructure-repository': 'a platform repository that declares infrastructure',
  'kubernetes-infrastructure-repository': 'a platform repository whose infrastructure code declares the Kubernetes cluster (or installs its distribution)',
  'service-repository': 'a service repository',
  history: 'git history',
  cluster: 'a cluster (--kubeconfig/--context or --cluster-snapshot)',
  'team-config': 'a team configuration (--config)',
};

/** "needs a platform repository or a cluster (…); none was scanned". */
export function needsSources(sources: readonly SourceKind[]): string {
  return `needs ${sources.map((s) => SOURCE_NAMES[s]).join(' or ')}; none was scanned`;
}

function attested(base: Omit<CapabilityResult, 'status' | 'signals' | 'evidence'>, attestation: Attestation): CapabilityResult {
  return {
    ...base,
    status: 'met',
    signals: [],
    byAttestation: true,
    evidence: [
      {
        attestation: attestation.statement,
        by: attestation.by,
        date: attestation.date,
        ...(attestation.link ? { link: attestation.link } : {}),
        ...(attestation.expires ? { expires: attestation.expires } : {}),
        source: 'attestation',
      },
    ],
  };
}

function detect(capability: ModelCapability, set: EvidenceSet, context: CapabilityContext): CapabilityResult {
  const alternatives = alternativesOf(capability, context.categories);
  const signalsUsed = new Set<SignalId>();
  const evidence: Evidence[] = [];
  const instrumentation: Evidence[] = [];
  for (const id of new Set([...alternatives.flat().flatMap((s) => s.split('|')), ...(capability.related ?? [])])) {
    const counting = countingEvidence(capability, set, id);
    if (counting.length > 0) signalsUsed.add(id);
    evidence.push(...counting);
    if (capability.libraries === 'instrumentation') instrumentation.push(...(set.detections.get(id)?.evidence ?? []).filter(isLibrary));
  }
  const base = {
    id: capability.id,
    stage: capability.stage,
    name: capability.name,
    required: false,
    scope: capability.scope,
    signals: [...signalsUsed],
    evidence,
    ...(instrumentation.length > 0 ? { instrumentation } : {}),
  };

  if (capability.applicableWhen && !capability.applicableWhen.some((id) => isPresent(set, id))) {
    const own = new Set(capability.alternatives.flat().flatMap((slot) => slot.split('|')));
    const named = capability.applicableWhen.filter((id) => !own.has(id));
    return { ...base, status: 'unknown', reason: `not applicable here: no ${(named.length > 0 ? named : capability.applicableWhen).join(' or ')} to judge` };
  }

  // Practices measured over a population: the share decides.
  const coverage = coverageOf(capability, set);
  if (coverage) {
    const threshold = capability.coverageThreshold ?? 1;
    if (coverage.total === 0) return { ...base, status: 'unknown', reason: `nothing to measure: no ${coverage.unit} found` };
    const share = coverage.covered / coverage.total;
    const status: CapabilityStatus = share >= threshold ? 'met' : coverage.covered > 0 ? 'partial' : 'missing';
    return { ...base, status, coverage, ...(status === 'met' ? {} : { reason: `${coverage.covered} of ${coverage.total} ${coverage.unit}` }) };
  }

  let best: { status: CapabilityStatus; reason?: string; missing: string[] } = { status: 'missing', missing: [] };
  const rank: Record<CapabilityStatus, number> = { met: 3, unknown: 2, partial: 1, missing: 0 };
  for (const alternative of alternatives) {
    const slots = alternative.map((slot) => ({ slot, ...slotStatus(capability, set, slot) }));
    const met = slots.filter((s) => s.status === 'met').length;
    const unknown = slots.find((s) => s.status === 'unknown');
    let status: CapabilityStatus;
    if (met === slots.length) status = 'met';
    else if (slots.every((s) => s.status !== 'missing')) status = 'unknown';
    else if (met > 0) status = 'partial';
    else status = 'missing';
    const candidate = {
      status,
      ...(status === 'unknown' && unknown?.reason ? { reason: unknown.reason } : {}),
      missing: slots.filter((s) => s.status !== 'met').map((s) => s.slot.replace(/\|/g, ' or ')),
    };
    if (rank[candidate.status] > rank[best.status]) best = candidate;
  }
  if (best.status === 'met') return { ...base, status: 'met' };
  if (best.status === 'unknown') return { ...base, status: 'unknown', reason: best.reason ?? 'the sources given cannot tell' };
  if (best.status === 'partial') return { ...base, status: 'partial', reason: `still missing: ${best.missing.join(', ')}` };
  // A signal that was looked for and not found says why better than the list of what would do.
  const fact = capability.alternatives.flat().flatMap((slot) => slot.split('|')).map((id) => set.absent.get(id)).find((r) => r !== undefined);
  const wanted = `none of: ${capability.alternatives.map((a) => a.join(' + ').replace(/\|/g, '/')).join(', ')}`;
  if (instrumentation.length > 0) {
    const libraries = [...new Set(instrumentation.map((e) => ('detail' in e && e.detail ? e.detail.replace(/^dependency /, '') : '')).filter(Boolean))];
    return { ...base, status: 'missing', reason: `only instrumentation: client librar${libraries.length === 1 ? 'y' : 'ies'} ${libraries.slice(0, 3).join(', ')}${libraries.length > 3 ? ', …' : ''} (a library is not a deployed backend); ${wanted}` };
  }
  return { ...base, status: 'missing', reason: fact ?? wanted };
}

/** The coverage a capability is measured by, when one of its signals reports one. */
function coverageOf(capability: ModelCapability, set: EvidenceSet): Coverage | undefined {
  for (const slot of capability.alternatives.flat()) {
    for (const id of slot.split('|')) {
      const coverage = set.detections.get(id)?.coverage;
      if (coverage) return coverage;
    }
  }
  return undefined;
}

/**
 * The staged rule: stage N is reached when no required capability of stages 1..N is missing or
 * partial, and stage N itself shows something: at least one of its required capabilities is met
 * (or it requires nothing). Unknown capabilities neither lower nor raise the stage: a stage whose
 * requirements are all unknown below a shown one is taken on trust (a service repository scanned
 * alone does not hold its cluster's definition), and a stage with nothing shown is not claimed.
 * A stage that shows something but has a gap still vouches for the all-unknown stages below it.
 * Only a leading run of all-unknown stages is taken on trust: once a stage has shown something, an
 * all-unknown stage after it ends the climb, because what it needs lives in a source that was not
 * scanned (a platform repository alone shows nothing of its services' stages 3–4, and the secret
 * store it shows at stage 5 says nothing about them either).
 * Provisional: unknowns were taken on trust, or a later stage went unclaimed for lack of evidence
 * only (the stage could be higher once the missing source is scanned).
 */
export function stageOf(capabilities: readonly CapabilityResult[]): { stage: number; provisional: boolean } {
  let stage = 0;
  let trusted = false;
  let provisional = false;
  let limit = 5;
  for (let n = 1; n <= 5; n++) {
    const required = capabilities.filter((c) => c.stage === n && c.required && !c.exemption);
    if (required.some((c) => c.status === 'missing' || c.status === 'partial')) {
      limit = n - 1;
      // A stage that shows something vouches for the stages below it even when it has a gap of
      // its own: committed Deployments are deployed to some cluster, so an all-unknown stage 1
      // under a stage 2 with manifests met but no CI is taken on trust (stage 1, provisional).
      if (n - 1 > stage && required.some((c) => c.status === 'met')) {
        stage = n - 1;
        provisional = true;
      }
      break;
    }
    const shows = required.length === 0 || required.some((c) => c.status === 'met');
    if (!shows && stage > 0) break;
    if (required.some((c) => c.status === 'unknown')) trusted = true;
    if (shows) {
      stage = n;
      provisional = trusted;
    }
  }
  return { stage, provisional: provisional || stage < limit };
}
