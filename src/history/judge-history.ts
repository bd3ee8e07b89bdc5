import type { Detection, HistoryEvidence } from '../core/types.js';
import { groupPeople, isBot, type Person } from './identities.js';
import type { LogRecord } from './log-records.js';
import { commitsText, holdingsOf, judgeOwnership, type Holding } from './ownership.js';
import { mainChangesOf } from './pull-requests.js';

/**
 * What the commits of the window say, as signals: pure functions from the records read from git
 * (src/history/read-log.ts) to detections, absences and unknowns. No I/O, no clock.
 */

export const HISTORY_SIGNALS = ['team-wide-ownership', 'developer-owned-manifests', 'merged-pull-requests'] as const;
export type HistorySignal = (typeof HISTORY_SIGNALS)[number];

export const NEEDS_TEAM_CONFIG =
  'needs a team configuration (teams[].members, platform team) to tell developers from operators';

export interface PersonCount {
  /** The person's email (or the name when there is none) after .mailmap; with several, the one with most commits. */
  person: string;
  commits: number;
  /** Of the commits counted in this list, rounded to two decimals. */
  share: number;
  /** Every email merged into this person (by .mailmap, then by name), most commits first; only when more than one. */
  identities?: string[];
  /** Emails as committed that .mailmap mapped onto this person's; only when there are some. */
  mailmapped?: string[];
}

export interface JudgedHistory {
  detections: Detection[];
  unknown: { signal: HistorySignal; reason: string }[];
  absent: { signal: HistorySignal; reason: string }[];
  authors: number;
  deployChangers: PersonCount[];
  developerChangers?: PersonCount[];
  mainChanges: { total: number; throughPullRequests: number };
}

export interface JudgeContext {
  /** The branch read and its tip. */
  branch: { name: string; hash: string };
  /** "in the last 180 days" */
  window: string;
  /** Whether `plat` flags were computed (a platform team is configured). */
  platformKnown: boolean;
  /** Share of changes to main through pull requests at or above which merged-pull-requests is present. */
  pullRequestThreshold: number;
  repository?: string;
}

/** The window's commits (as git would walk them) turned into the three history signals. */
export function judgeHistory(records: readonly LogRecord[], context: JudgeContext): JudgedHistory {
  const evidence = (history: string): HistoryEvidence => ({ history, ...(context.repository !== undefined ? { repository: context.repository } : {}), source: 'history' });
  const bots = new Map<string, boolean>(); // one answer per identity, not per commit
  const people = records.filter((r) => {
    const key = `${r.who}\0${r.n ?? ''}`;
    let bot = bots.get(key);
    if (bot === undefined) bots.set(key, (bot = isBot({ name: r.n ?? '', email: r.who })));
    return !bot;
  });
  const personOf = groupPeople(people);
  const judged: JudgedHistory = {
    detections: [],
    unknown: [],
    absent: [],
    authors: new Set(personOf.values()).size,
    deployChangers: [],
    mainChanges: mainChangesOf(records, context.branch.hash),
  };

  const deploy = holdingsOf(countBy(people.filter((r) => r.dep), personOf));
  judged.deployChangers = deploy.map(toPersonCount);
  const ownership = judgeOwnership(deploy, context.window);
  if (ownership.teamWide) judged.detections.push({ id: 'team-wide-ownership', evidence: [evidence(ownership.sentence)] });
  else judged.absent.push({ signal: 'team-wide-ownership', reason: ownership.sentence });

  if (!context.platformKnown) {
    judged.unknown.push({ signal: 'developer-owned-manifests', reason: NEEDS_TEAM_CONFIG });
  } else {
    const platform = new Set(people.filter((r) => r.plat).map((r) => personOf.get(r.who)!));
    const developers = holdingsOf(countBy(people.filter((r) => r.dev && !platform.has(personOf.get(r.who)!)), personOf));
    judged.developerChangers = developers.map(toPersonCount);
    if (developers.length > 0) {
      const count = developers.length;
      const who = `${count} ${count === 1 ? 'person' : 'people'} outside the platform team`;
      judged.detections.push({ id: 'developer-owned-manifests', evidence: [evidence(`${who} changed Dockerfiles, manifests or charts ${context.window}: ${listPeople(developers)}`)] });
    } else {
      judged.absent.push({ signal: 'developer-owned-manifests', reason: `only the platform team changed Dockerfiles, manifests or charts ${context.window}` });
    }
  }

  const { total, throughPullRequests } = judged.mainChanges;
  const branch = context.branch.name;
  if (total === 0) {
    judged.unknown.push({ signal: 'merged-pull-requests', reason: `no commits reached ${branch} ${context.window}` });
  } else {
    const share = `${throughPullRequests} of ${total} ${total === 1 ? 'change' : 'changes'} to ${branch} came through pull requests ${context.window} (${Math.round((100 * throughPullRequests) / total)}%)`;
    if (throughPullRequests / total >= context.pullRequestThreshold) judged.detections.push({ id: 'merged-pull-requests', evidence: [evidence(share)] });
    else judged.absent.push({ signal: 'merged-pull-requests', reason: `${share}; counted from ${Math.round(context.pullRequestThreshold * 100)}%` });
  }
  return judged;
}

function countBy(records: readonly LogRecord[], personOf: ReadonlyMap<string, Person>): Map<Person, number> {
  const counts = new Map<Person, number>();
  for (const record of records) {
    const person = personOf.get(record.who)!;
    counts.set(person, (counts.get(person) ?? 0) + 1);
  }
  return counts;
}

function toPersonCount(holding: Holding): PersonCount {
  const { person, commits, share } = holding;
  return {
    person: person.id,
    commits,
    share,
    ...(person.identities.length > 1 ? { identities: person.identities } : {}),
    ...(person.mailmapped.length > 0 ? { mailmapped: person.mailmapped.map(([was]) => was) } : {}),
  };
}

function listPeople(holdings: readonly Holding[], max = 5): string {
  const shown = holdings.slice(0, max).map((h) => `${h.person.id} (${commitsText(h.commits)})`);
  const more = holdings.length - shown.length;
  return shown.join(', ') + (more > 0 ? `, and ${more} more` : '');
}
