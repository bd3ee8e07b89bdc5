export { CONFIG_FILE_NAME, ConfigError, defaultConfig, loadConfig } from './load.js';
export { formatPath, parseConfig } from './parse.js';
export type { ConfigErrorCode, LoadedConfig } from './load.js';
export { closest, configSchema } from './schema.js';
export { isIsoDate } from './dates.js';
export type { Attestation, CapabilityOverride, ClusterConfig, Exemption, LimitsConfig, OrgConfig, TeamConfig } from './schema.js';
export {
  DEFAULT_SINCE,
  limitsFrom,
  memberMatches,
  organizationName,
  parseSince,
  platformMembers,
  platformTeams,
  resolveRepositories,
  teamOf,
  teamOfIdentity,
  teamOfNamespace,
} from './repositories.js';
export type { Identity, ResolvedRepository, ResolveOptions } from './repositories.js';
export {
  activeAttestations,
  activeExemptions,
  attestationEvidence,
  exemptionKey,
  exemptionsFor,
  expiredAttestations,
  expiredExemptions,
  findExemption,
  isExpired,
  unusedExemptions,
} from './exemptions.js';
export type { ExemptionTarget } from './exemptions.js';
export { writeStarterConfig } from './starter.js';
export { expandDirectoryGlob, pathGlobMatcher, segmentMatcher, wordGlobMatcher } from './glob.js';
export type { GlobMatcher } from './glob.js';
