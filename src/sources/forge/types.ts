/**
 * Discovery: the repositories of a GitHub organization or a GitLab group (subgroups included), as
 * the forge's API lists them. Everything an API answer says is untrusted input: names are matched
 * and shown, clone URLs are vetted by the clone machinery like any configured URL.
 */

export type ForgeKind = 'github' | 'gitlab';

export interface DiscoveryRequest {
  forge: ForgeKind;
  /** GitHub organization login, or GitLab group full path (`acme/platform`). */
  owner: string;
  /** API base: https://api.github.com, https://ghe.example.com/api/v3, https://gitlab.example.com. */
  baseUrl?: string;
  /** Keep only repositories carrying every one of these topics. */
  topics?: string[];
  includeArchived?: boolean;
  includeForks?: boolean;
  /** Globs on the full name (`acme/payments-*`, `acme/platform/**`). */
  include?: string[];
  exclude?: string[];
  /** A file holding the token; else GITHUB_TOKEN / GITLAB_TOKEN. */
  tokenFile?: string;
  /** Read the teams too (GitHub teams with repository access, GitLab subgroups). */
  teams?: boolean;
}

export interface DiscoveredRepository {
  /** `acme/payments-api`, `acme/platform/infra`. */
  fullName: string;
  /** Where git fetches it from (https as the forge gives it). */
  cloneUrl: string;
  /** The repository's page: how it is shown in reports. */
  webUrl: string;
  archived: boolean;
  fork: boolean;
  topics: string[];
  /** The owning team when teams were asked for and the forge names one. */
  team?: string;
}

export interface Discovery {
  repositories: DiscoveredRepository[];
  /** Team names found on the forge (empty when teams were not asked for). */
  teams: string[];
  /** Repositories left out, by reason (archived, fork, topic, pattern). */
  skipped: Record<string, number>;
}

export type DiscoveryErrorCode = 'DISCOVERY_TOKEN' | 'DISCOVERY_FAILED';

/** A discovery that cannot run (unknown organization, bad token, unreachable API): exit 2. */
export class DiscoveryError extends Error {
  readonly code: DiscoveryErrorCode;
  constructor(code: DiscoveryErrorCode, message: string) {
    super(message);
    this.name = 'DiscoveryError';
    this.code = code;
  }
}

/** `urgent`: the line must be shown at once and stay (a wait on a rate limit). */
export type OnProgress = (text: string, urgent?: boolean) => void;
