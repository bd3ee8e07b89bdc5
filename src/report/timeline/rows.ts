import type { Timeline } from '../../timeline/timeline.js';
import { firstMet } from '../../timeline/milestones.js';
import { evidenceText } from '../evidence-text.js';

/** One row of the stage grid: a label and its stage at each point (undefined: absent then). */
export interface StageRow {
  kind: 'organization' | 'team' | 'repository';
  label: string;
  stages: (number | undefined)[];
}

/** The stage grid every timeline format draws: the organization, each team, each repository. */
export function stageRows(timeline: Timeline): StageRow[] {
  const points = timeline.points;
  const rows: StageRow[] = [{ kind: 'organization', label: timeline.organization, stages: points.map((p) => p.assessment.stage) }];
  const teams = [...new Set(points.flatMap((p) => p.assessment.teams.map((t) => t.name)))];
  if (teams.length > 1) {
    for (const name of teams) rows.push({ kind: 'team', label: name, stages: points.map((p) => p.assessment.teams.find((t) => t.name === name)?.stage) });
  }
  const repositories = [...new Set(points.flatMap((p) => p.assessment.repositories.map((r) => r.path)))];
  for (const path of repositories) rows.push({ kind: 'repository', label: path, stages: points.map((p) => p.assessment.repositories.find((r) => r.path === path)?.stage) });
  return rows;
}

/** Each capability of the model with the first point it was met (undefined: never within the timeline). */
export function capabilityFirsts(timeline: Timeline): { id: string; name: string; stage: number; firstMet?: string; evidence?: string }[] {
  const latest = timeline.points.at(-1)?.assessment;
  if (latest === undefined) return [];
  const firsts = firstMet(timeline.points);
  return latest.capabilities.map((c) => {
    const at = firsts.get(c.id);
    const point = at ? timeline.points.find((p) => p.at === at) : undefined;
    const evidence = point?.assessment.capabilities.find((x) => x.id === c.id)?.evidence[0];
    return { id: c.id, name: c.name, stage: c.stage, ...(at ? { firstMet: at } : {}), ...(evidence ? { evidence: evidenceText(evidence) } : {}) };
  });
}

export { evidenceText } from '../evidence-text.js';

/** A point's date as the grid heads it: the day (points are at most a few a month). */
export const day = (iso: string): string => iso.slice(0, 10);
