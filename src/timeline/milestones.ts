import type { Evidence } from '../core/types.js';
import type { Assessment } from '../model/types.js';

/**
 * What happened between two points of a timeline, in words a platform lead would write on a
 * slide: "2025-03 · first helm in platform-infra — charts/web/Chart.yaml:1".
 */
export interface Milestone {
  /** The point at which it was first seen (ISO date); it happened after the point before. */
  at: string;
  kind: 'stage' | 'capability-met' | 'capability-lost' | 'signal-appeared' | 'signal-disappeared' | 'repository-added';
  /** Organization-wide (no repository), a team, or a repository. */
  team?: string;
  repository?: string;
  capability?: string;
  signal?: string;
  stage?: { from: number; to: number };
  message: string;
  evidence: Evidence[];
}

/** Milestones between consecutive points, oldest first. The first point is the starting line, not news. */
export function milestonesOf(points: readonly { at: string; assessment: Assessment }[]): Milestone[] {
  const milestones: Milestone[] = [];
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1]!.assessment;
    const after = points[i]!.assessment;
    const at = points[i]!.at;
    if (after.stage !== before.stage) {
      milestones.push({ at, kind: 'stage', stage: { from: before.stage, to: after.stage }, message: `organization ${after.stage > before.stage ? 'reached' : 'fell to'} stage ${after.stage} (from ${before.stage})`, evidence: [] });
    }
    for (const team of after.teams) {
      const earlier = before.teams.find((t) => t.name === team.name);
      if (earlier && earlier.stage !== team.stage && after.teams.length > 1) {
        milestones.push({ at, kind: 'stage', team: team.name, stage: { from: earlier.stage, to: team.stage }, message: `team ${team.name} ${team.stage > earlier.stage ? 'reached' : 'fell to'} stage ${team.stage} (from ${earlier.stage})`, evidence: [] });
      }
    }
    for (const capability of after.capabilities) {
      const earlier = before.capabilities.find((c) => c.id === capability.id);
      if (capability.status === 'met' && earlier?.status !== 'met') {
        milestones.push({ at, kind: 'capability-met', capability: capability.id, message: `${capability.name} met`, evidence: capability.evidence.slice(0, 3) });
      } else if (earlier?.status === 'met' && capability.status !== 'met' && capability.status !== 'unknown') {
        milestones.push({ at, kind: 'capability-lost', capability: capability.id, message: `${capability.name} lost (now ${capability.status})`, evidence: earlier.evidence.slice(0, 3) });
      }
    }
    for (const repository of after.repositories) {
      const earlier = before.repositories.find((r) => r.path === repository.path);
      if (earlier === undefined) {
        milestones.push({ at, kind: 'repository-added', repository: repository.path, message: `${repository.path} appeared`, evidence: [] });
      }
      const had = new Set(earlier?.detections.map((d) => d.id) ?? []);
      for (const detection of repository.detections) {
        if (had.has(detection.id) || detection.evidence.length === 0) continue;
        milestones.push({ at, kind: 'signal-appeared', repository: repository.path, signal: detection.id, message: `first ${detection.id} in ${repository.path}`, evidence: detection.evidence.slice(0, 1) });
      }
      if (earlier === undefined) continue;
      const has = new Set(repository.detections.map((d) => d.id));
      for (const detection of earlier.detections) {
        if (has.has(detection.id) || detection.evidence.length === 0) continue;
        milestones.push({ at, kind: 'signal-disappeared', repository: repository.path, signal: detection.id, message: `${detection.id} gone from ${repository.path}`, evidence: detection.evidence.slice(0, 1) });
      }
    }
  }
  return milestones;
}

/** The first point at which each capability of the organization was met, by capability id. */
export function firstMet(points: readonly { at: string; assessment: Assessment }[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const point of points) {
    for (const capability of point.assessment.capabilities) {
      if (capability.status === 'met' && !first.has(capability.id)) first.set(capability.id, point.at);
    }
  }
  return first;
}
