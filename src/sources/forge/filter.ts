import { wordGlobMatcher } from '../../config/glob.js';
import type { DiscoveredRepository, DiscoveryRequest } from './types.js';

/**
 * Which listed repositories are scanned: archived ones and forks only when asked, every requested
 * topic present, the full name matching an --include (when any) and no --exclude. Patterns are
 * globs on the full name, case-insensitive as forges treat names (a linear-time matcher: patterns come from users, names from the API); `*` crosses `/` so
 * `acme/platform/*` also reaches deeper subgroups.
 */
export function selectRepositories(
  repositories: readonly DiscoveredRepository[],
  request: Pick<DiscoveryRequest, 'topics' | 'includeArchived' | 'includeForks' | 'include' | 'exclude'>,
): { selected: DiscoveredRepository[]; skipped: Record<string, number> } {
  const include = (request.include ?? []).map((p) => wordGlobMatcher(p));
  const exclude = (request.exclude ?? []).map((p) => wordGlobMatcher(p));
  const topics = (request.topics ?? []).map((t) => t.toLowerCase());
  const selected: DiscoveredRepository[] = [];
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
  for (const repo of repositories) {
    if (repo.archived && !request.includeArchived) skip('archived');
    else if (repo.fork && !request.includeForks) skip('fork');
    else if (!topics.every((t) => repo.topics.some((own) => own.toLowerCase() === t))) skip('topic');
    else if (include.length > 0 && !include.some((re) => re.test(repo.fullName))) skip('not included');
    else if (exclude.some((re) => re.test(repo.fullName))) skip('excluded');
    else selected.push(repo);
  }
  // A stable order (the API's may change between pages and runs): reports and shards depend on it.
  selected.sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
  return { selected, skipped };
}
