import type { Timeline } from '../../timeline/timeline.js';

/**
 * `timeline --format json`, as ../shared/spec/memory-and-scale.md defines it: points oldest first,
 * each with the organization's, each team's and each repository's stage (and the commit read).
 */
export function renderTimelineJson(timeline: Timeline): string {
  const points = timeline.points.map((p) => ({
    at: p.at,
    stage: p.assessment.stage,
    stageProvisional: p.assessment.stageProvisional,
    teams: p.assessment.teams.map((t) => ({ name: t.name, stage: t.stage, repositories: t.repositories })),
    repositories: p.assessment.repositories.map((r) => ({ path: r.path, commit: p.commits[r.path] ?? null, kind: r.kind, stage: r.stage, signals: r.detections.map((d) => d.id) })),
    capabilities: p.assessment.capabilities.map((c) => ({ id: c.id, stage: c.stage, status: c.status })),
  }));
  return `${JSON.stringify({ schemaVersion: 1, kind: 'timeline', organization: timeline.organization, points, milestones: timeline.milestones, warnings: timeline.warnings }, null, 2)}\n`;
}
