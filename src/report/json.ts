import type { Evidence } from '../core/types.js';
import type { Assessment, CapabilityResult } from '../model/types.js';

/** Evidence listed per capability in JSON; the total is kept in evidenceCount. */
const MAX_CAPABILITY_EVIDENCE = 100;
/** Per repository and per team, a capability repeats the organization's: a few examples suffice. */
const MAX_NESTED_EVIDENCE = 10;

function trimmed(c: CapabilityResult, max: number): CapabilityResult & { evidenceCount?: number } {
  const coverage = c.coverage && c.coverage.missing.length > max ? { ...c.coverage, missing: c.coverage.missing.slice(0, max) } : c.coverage;
  const evidence = c.evidence.length > max ? c.evidence.slice(0, max) : c.evidence;
  const blockedBy = c.blockedBy ? blockers(c.blockedBy, max) : undefined;
  return {
    ...c,
    evidence,
    ...(coverage ? { coverage } : {}),
    ...(blockedBy ? { blockedBy } : {}),
    ...(evidence.length < c.evidence.length ? { evidenceCount: c.evidence.length } : {}),
  };
}

/**
 * What blocks a capability, one entry per signal, its evidence trimmed alike: an anti-pattern found
 * in every repository would otherwise be listed whole (one entry per repository) in each
 * repository's copy of the organization's capability.
 */
function blockers(list: NonNullable<CapabilityResult['blockedBy']>, max: number): { id: string; evidence: Evidence[]; evidenceCount?: number }[] {
  const bySignal = new Map<string, Evidence[]>();
  for (const b of list) {
    const evidence = bySignal.get(b.id);
    if (evidence) evidence.push(...b.evidence);
    else bySignal.set(b.id, [...b.evidence]);
  }
  return [...bySignal].map(([id, evidence]) =>
    evidence.length > max ? { id, evidence: evidence.slice(0, max), evidenceCount: evidence.length } : { id, evidence },
  );
}

/**
 * Platform capabilities are the organization's at every level: nested copies carry the status and
 * leave the evidence to the top-level `capabilities` (an organization of 200 repositories would
 * otherwise repeat the same evidence 200 times).
 */
function nested(c: CapabilityResult): CapabilityResult & { evidenceCount?: number } {
  if (c.scope === 'platform' && !c.byAttestation) return { ...trimmed(c, 0), evidence: [], evidenceCount: c.evidence.length };
  return trimmed(c, MAX_NESTED_EVIDENCE);
}

/**
 * The JSON report's value, text and UTF-8 bytes, each made once per assessment: `scan --format
 * json --save` prints the bytes, spools the same bytes and records them (the store cuts the
 * repositories' sections out of them). A 200-repository report is 16 MB: converting its text to
 * UTF-8 costs about as much as writing it.
 */
const rendered = new WeakMap<Assessment, { value?: ReturnType<typeof jsonReport>; text?: string; bytes?: Buffer }>();

function renderedOf(assessment: Assessment) {
  let entry = rendered.get(assessment);
  if (entry === undefined) rendered.set(assessment, (entry = {}));
  return entry;
}

/** The JSON report (shared/spec/cli-and-json.md, schemaVersion 1). Field names are a contract. */
export function renderJson(assessment: Assessment): string {
  const entry = renderedOf(assessment);
  entry.text ??= `${JSON.stringify(jsonReportOnce(assessment), null, 2)}\n`;
  return entry.text;
}

/** renderJson's text as UTF-8. */
export function renderJsonBytes(assessment: Assessment): Buffer {
  const entry = renderedOf(assessment);
  entry.bytes ??= Buffer.from(renderJson(assessment));
  return entry.bytes;
}

/** jsonReport's value, made once per assessment (shared: callers must not change it). */
export function jsonReportOnce(assessment: Assessment): ReturnType<typeof jsonReport> {
  const entry = renderedOf(assessment);
  entry.value ??= jsonReport(assessment);
  return entry.value;
}

/** The JSON report's value: what renderJson prints, before it is text (the store records this). */
export function jsonReport(assessment: Assessment) {
  const trim = (c: CapabilityResult) => trimmed(c, MAX_CAPABILITY_EVIDENCE);
  return {
    schemaVersion: assessment.schemaVersion,
    tool: assessment.tool,
    generatedAt: assessment.generatedAt,
    organization: assessment.organization,
    stage: assessment.stage,
    stageProvisional: assessment.stageProvisional,
    repositories: assessment.repositories.map((r) => ({
      path: r.path,
      kind: r.kind,
      kindReason: r.kindReason,
      stage: r.stage,
      stageProvisional: r.stageProvisional,
      detections: r.detections,
      capabilities: r.capabilities.map(nested),
      warnings: r.warnings,
    })),
    clusters: assessment.clusters,
    capabilities: assessment.capabilities.map(trim),
    teams: assessment.teams.map((t) => ({ ...t, capabilities: t.capabilities.map(nested) })),
    roadmap: assessment.roadmap,
    toVerify: assessment.toVerify,
    warnings: assessment.warnings,
    model: assessment.model,
  };
}
