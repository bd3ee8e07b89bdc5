/**
 * Changes that reached the main branch through a pull or merge request. Subjects are read here
 * and nowhere else; what leaves is a flag on the commit.
 */

/**
 * A change that reached main through a pull or merge request: a merge commit (other than pulling
 * the main branch into itself), a squash merge with GitHub's "(#123)" suffix, or the subjects
 * Bitbucket and Azure DevOps write.
 */
export function isPullRequestChange(commit: { parents: readonly string[]; subject: string }, mainBranch: string): boolean {
  const subject = commit.subject;
  if (commit.parents.length >= 2) {
    const merged = /^Merge (?:remote-tracking )?branch '([^']+)'/.exec(subject)?.[1];
    if (merged !== undefined && (merged === mainBranch || merged === `origin/${mainBranch}`) && !/ into '/.test(subject)) return false;
    return true;
  }
  return (
    /\(#\d+\)\s*$/.test(subject) ||
    /^Merge pull request #\d+/.test(subject) ||
    /\(pull request #\d+\)/i.test(subject) ||
    /^Merged PR \d+/.test(subject) ||
    /^Merge branch '[^']+' into '[^']+'/.test(subject)
  );
}

/** What mainChanges needs of a commit. */
export interface MainLineRecord {
  h: string;
  p: string[];
  pr?: 1;
}

/** Changes to main: the first-parent chain from the tip, within the commits given (the window). */
export function mainChangesOf(records: readonly MainLineRecord[], tip: string): { total: number; throughPullRequests: number } {
  const byHash = new Map<string, MainLineRecord>();
  for (const record of records) byHash.set(record.h, record);
  let total = 0;
  let throughPullRequests = 0;
  for (let record = byHash.get(tip); record !== undefined; record = byHash.get(record.p[0] ?? '')) {
    total++;
    if (record.pr) throughPullRequests++;
    byHash.delete(record.h); // a cycle is impossible in git, but a forged log must not loop
  }
  return { total, throughPullRequests };
}
