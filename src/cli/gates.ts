import { InvalidArgumentError } from 'commander';
import type { Assessment } from '../model/types.js';
import { didYouMean } from '../core/edit-distance.js';

/**
 * `--fail-below` gates: the organization's stage by default, or one team's or one repository's, so a
 * monorepo pipeline or a team's own job can gate on what it owns.
 *
 *   --fail-below 3                        the organization below stage 3 fails
 *   --fail-below team:payments=3          team payments below 3 fails
 *   --fail-below repo:services/api=4      the repository reported as services/api below 4 fails
 *
 * The option repeats; every gate is checked and each one that fails is named.
 */
export type Gate = { scope: 'organization'; stage: number } | { scope: 'team' | 'repository'; name: string; stage: number };

const SCOPED = /^(team|repo|repository):(.+)=(\d+)$/;

/** commander's parser for one `--fail-below` value (collects them). */
export function gateValue(value: string, previous: Gate[] = []): Gate[] {
  return [...previous, parseGate(value)];
}

export function parseGate(value: string): Gate {
  const scoped = SCOPED.exec(value.trim());
  if (scoped) {
    const name = scoped[2]!.trim().replace(/\/+$/, '');
    if (name === '') throw new InvalidArgumentError('a team or repository name before "="');
    return { scope: scoped[1] === 'team' ? 'team' : 'repository', name, stage: stage(scoped[3]!) };
  }
  if (/^\d+$/.test(value.trim())) return { scope: 'organization', stage: stage(value.trim()) };
  throw new InvalidArgumentError('a stage from 1 to 5 (the organization), team:NAME=STAGE or repo:PATH=STAGE');
}

function stage(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new InvalidArgumentError('a stage from 1 to 5');
  return n;
}

export interface GateResult {
  /** One line per gate that failed, e.g. "team payments is at stage 2, below --fail-below team:payments=3". */
  failed: string[];
  /** Gates naming a team or repository the scan does not have: the gate cannot be judged (exit 2). */
  unknown: string[];
}

export function checkGates(assessment: Assessment, gates: readonly Gate[]): GateResult {
  const failed: string[] = [];
  const unknown: string[] = [];
  for (const gate of gates) {
    if (gate.scope === 'organization') {
      if (assessment.stage < gate.stage) failed.push(`organization stage ${assessment.stage} is below --fail-below ${gate.stage}`);
      continue;
    }
    const flag = `--fail-below ${gate.scope === 'team' ? 'team' : 'repo'}:${gate.name}=${gate.stage}`;
    if (gate.scope === 'team') {
      const team = assessment.teams.find((t) => t.name === gate.name);
      if (!team) {
        unknown.push(`${flag}: no team "${gate.name}" in this scan${didYouMean(gate.name, assessment.teams.map((t) => t.name))} (teams: ${assessment.teams.map((t) => t.name).join(', ')})`);
        continue;
      }
      if (team.stage < gate.stage) failed.push(`team ${team.name} stage ${team.stage} is below ${flag}`);
      continue;
    }
    const repository = findRepository(assessment, gate.name);
    if (!repository) {
      const paths = assessment.repositories.map((r) => r.path);
      unknown.push(`${flag}: no repository "${gate.name}" in this scan${didYouMean(gate.name, paths)} (repositories: ${paths.join(', ')})`);
      continue;
    }
    if (repository.stage < gate.stage) failed.push(`repository ${repository.path} stage ${repository.stage} is below ${flag}`);
  }
  return { failed, unknown };
}

/** The repository as reported (`examples/acme/payments-api`, `./api`), or by its last folder name when that is unique. */
function findRepository(assessment: Assessment, name: string): Assessment['repositories'][number] | undefined {
  const clean = (path: string) => path.replace(/^\.\//, '').replace(/\/+$/, '');
  const exact = assessment.repositories.find((r) => clean(r.path) === clean(name));
  if (exact) return exact;
  const byFolder = assessment.repositories.filter((r) => clean(r.path).split('/').pop() === clean(name));
  return byFolder.length === 1 ? byFolder[0] : undefined;
}
