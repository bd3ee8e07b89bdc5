import { deployCategoryOf, DEVELOPER_OWNED_CATEGORIES } from './categories.js';
import { identityKey, type AuthorIdentity } from './identities.js';
import type { Commit } from './parse-log.js';
import { isPullRequestChange } from './pull-requests.js';

/**
 * A commit reduced to what the facts are computed from, as the history cache stores it: hashes,
 * parents, commit time, the author after .mailmap, and flags. Never a subject or a file name
 * (they may hold secrets), so what is stored can be shown to anyone who can read the cache.
 */
export interface LogRecord {
  h: string;
  p: string[];
  t: number;
  /** The person key: email after .mailmap, lower-cased (the name when there is no email). */
  who: string;
  /** The author name after .mailmap, when there is one. */
  n?: string;
  /** The author email as committed, lower-cased, when .mailmap changed it. */
  was?: string;
  /** Touches platform/deploy files. */
  dep?: 1;
  /** Touches files developers own when they own how their service ships (Dockerfiles, manifests, charts). */
  dev?: 1;
  /** The author is on the platform team (only when the caller can tell). */
  plat?: 1;
  /** Reached the branch through a pull or merge request. */
  pr?: 1;
}

/** Reduces a commit: its file names are judged here (below `prefix`), then dropped. */
export function recordOf(commit: Commit, prefix: string, branchName: string, platformMembers?: (identity: AuthorIdentity) => boolean): LogRecord {
  let touchesDeploy = false;
  let touchesDeveloperOwned = false;
  for (const file of commit.files) {
    if (prefix !== '' && !file.startsWith(prefix)) continue;
    const category = deployCategoryOf(prefix !== '' ? file.slice(prefix.length) : file);
    if (category === undefined) continue;
    touchesDeploy = true;
    if (DEVELOPER_OWNED_CATEGORIES.has(category)) {
      touchesDeveloperOwned = true;
      break; // both flags are known: the other files cannot change them (a commit may touch thousands)
    }
  }
  const identity = { name: commit.name, email: commit.email };
  const record: LogRecord = { h: commit.hash, p: commit.parents, t: commit.time, who: identityKey(identity) };
  if (commit.name.trim() !== '') record.n = commit.name;
  const was = commit.rawEmail.trim().toLowerCase();
  if (was !== '' && was !== commit.email.trim().toLowerCase()) record.was = was;
  if (touchesDeploy) record.dep = 1;
  if (touchesDeveloperOwned) record.dev = 1;
  if (platformMembers?.(identity)) record.plat = 1;
  if (isPullRequestChange(commit, branchName)) record.pr = 1;
  return record;
}

/**
 * The commits `git log --since` would print, from a log read with an earlier (or the same) start:
 * git walks from the tip in date order, and a commit older than the start is neither printed nor
 * walked through, so a newer commit behind it (clock skew) is not reached either.
 */
export function walkWindow(records: readonly LogRecord[], tip: string, sinceSeconds: number): LogRecord[] {
  const byHash = new Map<string, LogRecord>();
  for (const record of records) byHash.set(record.h, record);
  const reached = new Set<string>();
  const stack = [tip];
  while (stack.length > 0) {
    const hash = stack.pop()!;
    if (reached.has(hash)) continue;
    const record = byHash.get(hash);
    if (record === undefined || record.t < sinceSeconds) continue;
    reached.add(hash);
    for (const parent of record.p) stack.push(parent);
  }
  return records.filter((record) => reached.has(record.h));
}

/** A stored value is used only when every record has the shape above. */
export function isRecords(value: unknown): value is LogRecord[] {
  return Array.isArray(value) && value.every(isRecord);
}

function isRecord(value: unknown): value is LogRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Record<keyof LogRecord, unknown>>;
  return (
    typeof r.h === 'string' &&
    Array.isArray(r.p) &&
    r.p.every((p) => typeof p === 'string') &&
    typeof r.t === 'number' &&
    typeof r.who === 'string' &&
    (r.n === undefined || typeof r.n === 'string') &&
    (r.was === undefined || typeof r.was === 'string')
  );
}
