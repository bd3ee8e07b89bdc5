import type { RepositoryKind } from '../core/types.js';
import { repositoryMatches } from './exemptions.js';
import type { OrgConfig } from './schema.js';

/**
 * The kind the configuration sets for a repository (`kinds:`), matched like an exemption's
 * `repository` (the path as reported, its folder name, or a glob), first entry wins. The scan's own
 * judgement stays available: the reason says it was set, and by which entry.
 */
export function configuredKind(config: OrgConfig, names: readonly string[], configLabel: string): { kind: RepositoryKind; reason: string; index: number } | undefined {
  for (const [index, entry] of (config.kinds ?? []).entries()) {
    if (!names.some((name) => repositoryMatches(entry.repository, name))) continue;
    return { kind: entry.kind, reason: `set in ${configLabel} (kinds[${index}])${entry.reason ? `: ${entry.reason}` : ''}`, index };
  }
  return undefined;
}
