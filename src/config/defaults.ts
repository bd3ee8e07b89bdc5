import type { OrgConfig } from './schema.js';

/**
 * What the schema makes of an empty configuration, written out so that a scan without a
 * configuration file loads neither the schema nor zod (~20 ms of a small scan). A test checks it
 * against `configSchema.parse({})`, so the two cannot drift apart.
 */
export const DEFAULT_CONFIG: Readonly<OrgConfig> = Object.freeze({
  repositories: [],
  teams: [],
  clusters: [],
  exemptions: [],
  attestations: [],
  history: {},
});
