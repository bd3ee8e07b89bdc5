import type { Evidence } from '../core/types.js';
import type { CapabilityResult, MaturityModel, RepositoryAssessment, RoadmapStep } from './types.js';

const MAX_PLACES = 12;

/**
 * The roadmap: for the next stage not reached, each required capability that is missing or partial,
 * with the concrete places to act on; then that stage's optional capabilities; then later stages in
 * short. Every step names the evidence that will mark it done.
 */
export function buildRoadmap(model: MaturityModel, stage: number, capabilities: readonly CapabilityResult[], repositories: readonly RepositoryAssessment[]): RoadmapStep[] {
  const steps: RoadmapStep[] = [];
  const open = (c: CapabilityResult) => (c.status === 'missing' || c.status === 'partial') && !c.exemption;
  const next = stage + 1;
  const byStage = (n: number, required: boolean) => capabilities.filter((c) => c.stage === n && c.required === required && open(c));
  if (next <= 5) {
    for (const c of byStage(next, true)) steps.push(step(model, c, repositories, true));
    for (const c of byStage(next, false)) steps.push(step(model, c, repositories, true));
  }
  for (let n = next + 1; n <= 5; n++) {
    for (const c of byStage(n, true)) steps.push(step(model, c, repositories, false));
  }
  return steps;
}

function step(model: MaturityModel, capability: CapabilityResult, repositories: readonly RepositoryAssessment[], detailed: boolean): RoadmapStep {
  const advice = model.capabilities.find((c) => c.id === capability.id)!.roadmap;
  const places = detailed ? placesFor(capability, repositories) : [];
  return {
    stage: capability.stage,
    capability: capability.id,
    name: capability.name,
    required: capability.required,
    status: capability.status,
    title: titleFor(capability, places.length, advice.steps[0]!),
    steps: detailed ? advice.steps : advice.steps.slice(0, 1),
    articleChoice: advice.articleChoice,
    alternatives: advice.alternatives,
    places,
    doneWhen: advice.doneWhen,
  };
}

/** One line that says what to do and where, e.g. "Health checks: add probes to 2 containers (7 of 9 have both)". */
function titleFor(capability: CapabilityResult, placeCount: number, firstStep: string): string {
  if (capability.blockedBy && capability.blockedBy.length > 0) {
    const count = capability.blockedBy.reduce((n, b) => n + b.evidence.length, 0);
    return `${capability.name}: fix ${count} ${capability.blockedBy.map((b) => b.id).join(' and ')} finding${count === 1 ? '' : 's'} first`;
  }
  if (capability.coverage && capability.coverage.total > 0) {
    const gap = capability.coverage.total - capability.coverage.covered;
    return `${capability.name}: ${gap} of ${capability.coverage.total} ${capability.coverage.unit} still to do (${capability.coverage.covered} done)`;
  }
  if (capability.status === 'partial' && capability.reason) return `${capability.name}: ${capability.reason}`;
  void firstStep;
  return `${capability.name}: not found${placeCount > 0 ? ` in ${placeCount} ${capability.scope === 'service' ? 'service repositor' + (placeCount === 1 ? 'y' : 'ies') : 'place' + (placeCount === 1 ? '' : 's')}` : ''}`;
}

function placesFor(capability: CapabilityResult, repositories: readonly RepositoryAssessment[]): RoadmapStep['places'] {
  const places: RoadmapStep['places'] = [];
  for (const blocker of capability.blockedBy ?? []) {
    for (const e of blocker.evidence) places.push(place(e, `${blocker.id}: ${'detail' in e && e.detail ? e.detail : 'remove it'}`));
  }
  // Blockers already say where to act; the coverage gap they cause would repeat them.
  for (const e of capability.blockedBy?.length ? [] : (capability.coverage?.missing ?? [])) {
    places.push(place(e as Evidence, 'detail' in e && e.detail ? e.detail : 'history' in e ? e.history : 'not covered'));
  }
  if (places.length === 0 && capability.scope === 'service') {
    for (const repo of repositories) {
      if (repo.kind !== 'service') continue;
      const own = repo.capabilities.find((c) => c.id === capability.id);
      if (own && (own.status === 'missing' || own.status === 'partial')) places.push({ repository: repo.path, note: own.reason ?? own.status });
    }
  }
  if (places.length === 0 && capability.scope === 'platform') {
    // Only a platform repository is told to add platform parts; a missing platform capability of a
    // service-only scan is one a service repository can show (CI, manifests): it goes there.
    const platform = repositories.filter((r) => r.kind === 'platform');
    if (platform.length > 0) for (const repo of platform) places.push({ repository: repo.path, note: 'add it to this platform repository' });
    else for (const repo of repositories.filter((r) => r.kind === 'service')) places.push({ repository: repo.path, note: 'add it to this repository' });
  }
  return places.slice(0, MAX_PLACES);
}

function place(e: Evidence, note: string): RoadmapStep['places'][number] {
  if ('file' in e) return { ...(e.repository ? { repository: e.repository } : {}), file: e.file, line: e.line, note };
  if ('history' in e) return { ...(e.repository ? { repository: e.repository } : {}), note };
  if ('object' in e) return { note: `${e.object}: ${note}` };
  return { note };
}
