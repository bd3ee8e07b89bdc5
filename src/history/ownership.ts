import { mergeNotes, type Person } from './identities.js';

/**
 * Team-wide ownership, weighed by each person's share of the commits to platform/deploy files.
 *
 * The rule: ownership is team-wide when people other than the main contributor, each with at
 * least MIN_SHARE of the commits, together made at least OTHERS_SHARE of them. So one person with
 * 97% of the changes is a bus factor of one however many passers-by made the other 3%, while a
 * two-person team at 60/40 or ten people at 10% each share the platform. docs/history.md says why.
 */
export const OTHERS_SHARE = 0.15;
export const MIN_SHARE = 0.05;

/** A person's part of the commits counted. */
export interface Holding {
  person: Person;
  commits: number;
  /** commits / all commits counted, rounded to two decimals. */
  share: number;
}

export interface OwnershipJudgement {
  teamWide: boolean;
  /** The share of the commits made by others than the main contributor, each with at least MIN_SHARE. */
  othersShare: number;
  /** The smallest number of people who together made more than half of the commits. */
  busFactor: number;
  /** The sentence for the evidence (team-wide) or for the reason it is absent. */
  sentence: string;
}

/** Commits per person, most first (ties: alphabetical), with shares. */
export function holdingsOf(counts: ReadonlyMap<Person, number>): Holding[] {
  let total = 0;
  for (const commits of counts.values()) total += commits;
  return [...counts]
    .map(([person, commits]) => ({ person, commits, share: total === 0 ? 0 : Math.round((100 * commits) / total) / 100 }))
    .sort((a, b) => b.commits - a.commits || (a.person.id < b.person.id ? -1 : 1));
}

export function busFactorOf(holdings: readonly Holding[]): number {
  const total = holdings.reduce((sum, h) => sum + h.commits, 0);
  let covered = 0;
  let people = 0;
  for (const holding of holdings) {
    if (2 * covered > total) break;
    covered += holding.commits;
    people++;
  }
  return people;
}

/** `window` is the wording of the window ("in the last 180 days"). */
export function judgeOwnership(holdings: readonly Holding[], window: string): OwnershipJudgement {
  const total = holdings.reduce((sum, h) => sum + h.commits, 0);
  const busFactor = busFactorOf(holdings);
  const top = holdings[0];
  if (top === undefined) return { teamWide: false, othersShare: 0, busFactor, sentence: `nobody changed platform/deploy files ${window}` };
  const others = holdings.slice(1).filter((h) => h.commits / total >= MIN_SHARE).reduce((sum, h) => sum + h.commits, 0) / total;
  const teamWide = others >= OTHERS_SHARE;
  const notes = holdings.slice(0, LISTED).flatMap((h) => mergeNotes(h.person));
  const tail = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  const rule = (of: string) => `${percent(others)}%${of} by others with ${percent(MIN_SHARE)}% or more each (team-wide from ${percent(OTHERS_SHARE)}%)`;
  let sentence: string;
  if (holdings.length === 1) sentence = `only ${top.person.id} (${commitsText(top.commits)}) changed platform/deploy files ${window}`;
  else if (teamWide) sentence = `${holdings.length} people changed platform/deploy files ${window}: ${listHoldings(holdings)}; ${rule(` of the ${commitsText(total)}`)}`;
  else {
    const one = busFactor === 1 ? ', a bus factor of one' : '';
    sentence = `${top.person.id} made ${percent(top.commits / total)}% of the ${commitsText(total)} to platform/deploy files ${window}${one}: ${listHoldings(holdings)}; ${rule('')}`;
  }
  return { teamWide, othersShare: others, busFactor, sentence: sentence + tail };
}

const LISTED = 5;

function listHoldings(holdings: readonly Holding[]): string {
  const shown = holdings.slice(0, LISTED).map((h) => `${h.person.id} ${percent(h.share)}% (${commitsText(h.commits)})`);
  const more = holdings.length - shown.length;
  return shown.join(', ') + (more > 0 ? `, and ${more} more` : '');
}

function percent(fraction: number): number {
  return Math.round(100 * fraction);
}

export function commitsText(count: number): string {
  return `${count} ${count === 1 ? 'commit' : 'commits'}`;
}
