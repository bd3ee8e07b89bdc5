import type { Assessment, CapabilityResult } from '../model/types.js';

/** Evidence listed per capability in JSON; the total is kept in evidenceCount. */
const MAX_CAPABILITY_EVIDENCE = 100;

/** The JSON report (shared/spec/cli-and-json.md, schemaVersion 1). Field names are a contract. */
export function renderJson(assessment: Assessment): string {
  const trim = (c: CapabilityResult) =>
    c.evidence.length > MAX_CAPABILITY_EVIDENCE ? { ...c, evidence: c.evidence.slice(0, MAX_CAPABILITY_EVIDENCE), evidenceCount: c.evidence.length } : c;
  const report = {
    schemaVersion: assessment.schemaVersion,
    tool: assessment.tool,
    generatedAt: assessment.generatedAt,
    organization: assessment.organization,
    stage: assessment.stage,
    stageProvisional: assessment.stageProvisional,
    repositories: assessment.repositories.map((r) => ({
      path: r.path,
      kind: r.kind,
      stage: r.stage,
      detections: r.detections,
      capabilities: r.capabilities.map(trim),
      warnings: r.warnings,
    })),
    clusters: assessment.clusters,
    capabilities: assessment.capabilities.map(trim),
    teams: assessment.teams.map((t) => ({ ...t, capabilities: t.capabilities.map(trim) })),
    roadmap: assessment.roadmap,
    toVerify: assessment.toVerify,
    warnings: assessment.warnings,
    model: assessment.model,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
