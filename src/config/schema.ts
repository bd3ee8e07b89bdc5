import { z } from 'zod';
import { editDistance } from '../core/edit-distance.js';
import { isIsoDate, SINCE } from './dates.js';
import { signalEntrySchema } from '../signals/user-signals.js';

/**
 * The schema of `.k8s-maturity.yaml`. Every node carries a `.describe()` text: the loader quotes it
 * when a value has the wrong type ("expected a path, glob or git URL (string); got a number"), so
 * the description is written as what the user should put there.
 */

const date = (what: string) =>
  z
    .string()
    .describe(`${what} as a date YYYY-MM-DD (string)`)
    .refine(isIsoDate, { message: `expected ${what} as a real date written YYYY-MM-DD, e.g. 2025-12-31` });

const nonEmpty = (description: string) => z.string().describe(description).min(1, { message: `expected ${description}; got an empty string` });

const stringList = (item: string, list: string) => z.array(nonEmpty(item)).describe(list);


const teamSchema = z
  .object({
    name: nonEmpty('a team name (string)'),
    repositories: stringList('a path, glob or git URL (string)', 'a list of paths, globs or git URLs').default([]),
    members: stringList("an email or name pattern (string), e.g. '*@payments.acme.io'", "a list of email or name patterns, e.g. ['*@payments.acme.io', 'Alice Doe']").default([]),
    namespaces: stringList('a namespace name or glob (string)', "a list of namespace names or globs, e.g. ['payments-*']").default([]),
    platform: z.boolean().describe('true or false: this team runs the platform').optional(),
  })
  .strict()
  .describe('a team: { name, repositories, members, namespaces, platform? }');

const clusterSchema = z
  .object({
    name: nonEmpty('a display name for the cluster (string)').optional(),
    context: nonEmpty('a kubeconfig context name (string)').optional(),
    kubeconfig: nonEmpty('a path to a kubeconfig file (string)').optional(),
    snapshot: nonEmpty('a path to a saved cluster snapshot (kubectl get … -o json output) (string)').optional(),
  })
  .strict()
  .describe('a cluster: { context?, kubeconfig?, snapshot? }')
  .superRefine((cluster, ctx) => {
    if (cluster.snapshot === undefined && cluster.context === undefined && cluster.kubeconfig === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'needs `context` (and optionally `kubeconfig`) for a live cluster, or `snapshot` for a saved one' });
    }
    if (cluster.snapshot !== undefined && (cluster.context !== undefined || cluster.kubeconfig !== undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'give either `snapshot` or `context`/`kubeconfig`, not both: make two entries to scan both' });
    }
  });

const capabilityOverrideSchema = z
  .object({
    required: z.boolean().describe('true or false').optional(),
    alternatives: z
      .array(z.array(nonEmpty("a slot: a signal id or several joined by '|' (string)")).describe('a list of slots, e.g. [prometheus, grafana]'))
      .describe("a list of alternatives, each a list of slots, e.g. [[prometheus], [datadog]]")
      .optional(),
    coverageThreshold: z
      .number()
      .describe('a share between 0 and 1 (number), e.g. 0.8')
      .min(0, { message: 'expected a share between 0 and 1, e.g. 0.8' })
      .max(1, { message: 'expected a share between 0 and 1, e.g. 0.8 (not a percentage)' })
      .optional(),
    categories: stringList("a category id (string), e.g. 'metrics-backend'", "a list of category ids, e.g. ['metrics-backend', 'observability-platform']").optional(),
  })
  .strict()
  .describe('a capability override: { required?, alternatives?, coverageThreshold?, categories? }');

const modelSchema = z
  .object({
    capabilities: z.record(capabilityOverrideSchema).describe('a map from capability id to its override').default({}),
  })
  .strict()
  .describe('model overrides: { capabilities: { <id>: { … } } }');

const exemptionSchema = z
  .object({
    signal: nonEmpty('a signal id (string), e.g. static-secrets').optional(),
    capability: nonEmpty('a capability id (string), e.g. runtime-security').optional(),
    repository: nonEmpty('a repository path, name or glob (string)').optional(),
    team: nonEmpty('a team name (string)').optional(),
    reason: nonEmpty('why this is exempt (string)'),
    expires: date('the last day the exemption holds').optional(),
  })
  .strict()
  .describe('an exemption: { signal | capability, repository? | team?, reason, expires? }')
  .superRefine((exemption, ctx) => {
    if ((exemption.signal === undefined) === (exemption.capability === undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'name exactly one of `signal` or `capability`' });
    }
    if (exemption.repository !== undefined && exemption.team !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'name at most one of `repository` or `team` (leave both out for the whole organization)' });
    }
  });

const attestationSchema = z
  .object({
    capability: nonEmpty('a capability id (string), e.g. runtime-security'),
    team: nonEmpty('a team name (string)').optional(),
    statement: nonEmpty('what is in place and where (string)'),
    by: nonEmpty('who attests it (string), e.g. an email'),
    date: date('the day it was attested'),
    link: nonEmpty('a link to the evidence (string)').optional(),
    expires: date('the last day the attestation holds').optional(),
  })
  .strict()
  .describe('an attestation: { capability, team?, statement, by, date, link?, expires? }');

const kindSchema = z
  .object({
    repository: nonEmpty('a repository path, name or glob (string)'),
    kind: z.enum(['platform', 'service', 'library', 'tooling']).describe('platform, service, library or tooling'),
    reason: nonEmpty('why it is that kind (string)').optional(),
  })
  .strict()
  .describe('a repository kind: { repository, kind, reason? }');

const historySchema = z
  .object({
    since: z
      .string()
      .describe("a window like '180d', '26w', '6m', '1y' or a date YYYY-MM-DD (string)")
      .refine((value) => SINCE.test(value) || isIsoDate(value), {
        message: "expected a window like '180d', '26w', '6m', '1y' or a date YYYY-MM-DD",
      })
      .optional(),
    mainBranch: nonEmpty('a branch name (string), e.g. main')
      .refine((value) => !value.startsWith('-') && !/[\s~^:?*[\\]|\.\.|@\{/.test(value), { message: 'expected a valid branch name, e.g. main' })
      .optional(),
    enabled: z.boolean().describe('true or false: read git history at all (false for folders whose history is not theirs)').optional(),
  })
  .strict()
  .describe("history settings: { since?, mainBranch?, enabled? }");

const positiveInt = (description: string) =>
  z.number().describe(`${description} (a positive whole number)`).int({ message: `expected ${description} as a whole number` }).positive({ message: `expected ${description} as a positive number` });

const limitsSchema = z
  .object({
    maxFileBytes: positiveInt('the largest file read, in bytes').optional(),
    maxTotalBytes: positiveInt('the bytes read per repository').optional(),
    maxDocumentsPerFile: positiveInt('the YAML documents parsed per file').optional(),
    maxNodesPerDocument: positiveInt('the nodes a YAML document may expand to').optional(),
    maxFiles: positiveInt('the files listed per repository').optional(),
    maxClusterResponseBytes: positiveInt('the bytes of one cluster answer read').optional(),
    maxClusterObjects: positiveInt('the objects of one cluster list read').optional(),
  })
  .strict()
  .describe('limits: { maxFileBytes?, maxTotalBytes?, maxDocumentsPerFile?, maxNodesPerDocument?, maxFiles?, maxClusterResponseBytes?, maxClusterObjects? }');

/** Where assessments are recorded (docs/store.md): a URL, or { url?, save?, keep? }. */
const storeUrl = nonEmpty('a store URL: sqlite:PATH, a file path, or postgres://user@host/db (string)');
const storeSchema = z
  .union([
    storeUrl,
    z
      .object({
        url: storeUrl.optional(),
        save: z.boolean().describe('true or false: record every scan, as --save does').optional(),
        keep: z
          .union([
            z
              .string()
              .describe("a window like '400d' or '1y', or a count of assessments (string or number)")
              .refine((value) => SINCE.test(value) || /^\d+$/.test(value), { message: "expected a window like '400d', '52w', '1y' or a count of assessments like 100" }),
            positiveInt('the number of newest assessments kept'),
          ])
          .optional(),
      })
      .strict()
      .describe('store settings: { url?, save?, keep? }'),
  ])
  .describe("the store: a URL (sqlite:PATH, a path, postgres://…) or { url?, save?, keep? }");

export const configSchema = z
  .object({
    organization: nonEmpty('the organization name (string)').optional(),
    repositories: stringList('a path, glob or git URL (string)', 'a list of paths, globs or git URLs').default([]),
    teams: z.array(teamSchema).describe('a list of teams').default([]),
    platformTeam: nonEmpty('the name of the platform team (string)').optional(),
    // With --github-org / --gitlab-group: teams and who owns each repository come from the forge.
    teamsFrom: z.enum(['forge']).describe('"forge": teams from GitHub teams or GitLab subgroups when discovering repositories').optional(),
    clusters: z.array(clusterSchema).describe('a list of clusters').default([]),
    model: modelSchema.optional(),
    exemptions: z.array(exemptionSchema).describe('a list of exemptions').default([]),
    attestations: z.array(attestationSchema).describe('a list of attestations').default([]),
    kinds: z.array(kindSchema).describe('a list of repository kinds').optional(),
    history: historySchema.default({}),
    limits: limitsSchema.optional(),
    eolTable: nonEmpty('a path to an end-of-life table (string)').optional(),
    // Your own tools as data (src/signals/user-signals.ts, docs/configuration.md "Your own signals").
    signals: z.array(signalEntrySchema).describe('a list of signal definitions or { include: <folder> }').optional(),
    store: storeSchema.optional(),
  })
  .strict()
  .describe('the configuration: a mapping of keys')
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.teams.forEach((team, index) => {
      const first = seen.get(team.name);
      if (first !== undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['teams', index, 'name'], message: `team "${team.name}" is already defined at teams[${first}]: team names must be unique` });
      } else seen.set(team.name, index);
    });
    if (config.platformTeam !== undefined && !seen.has(config.platformTeam)) {
      const names = [...seen.keys()];
      const hint = closest(config.platformTeam, names);
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['platformTeam'],
        message:
          names.length === 0
            ? `names team "${config.platformTeam}", but no teams are defined: add it under teams`
            : `names team "${config.platformTeam}", which is not under teams${hint ? `; did you mean "${hint}"?` : ` (teams: ${names.join(', ')})`}`,
      });
    }
    const teamRef = (name: string | undefined, path: (string | number)[]) => {
      if (name === undefined || config.teams.length === 0 || seen.has(name)) return;
      const hint = closest(name, [...seen.keys()]);
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `names team "${name}", which is not under teams${hint ? `; did you mean "${hint}"?` : ''}` });
    };
    config.exemptions.forEach((e, i) => teamRef(e.team, ['exemptions', i, 'team']));
    config.attestations.forEach((a, i) => teamRef(a.team, ['attestations', i, 'team']));
  });

export type OrgConfig = z.output<typeof configSchema>;
export type TeamConfig = OrgConfig['teams'][number];
export type ClusterConfig = OrgConfig['clusters'][number];
export type Exemption = OrgConfig['exemptions'][number];
export type Attestation = OrgConfig['attestations'][number];
export type KindSetting = NonNullable<OrgConfig['kinds']>[number];
export type CapabilityOverride = z.output<typeof capabilityOverrideSchema>;
export type LimitsConfig = NonNullable<OrgConfig['limits']>;

/** The candidate closest to `word` when it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  // "repos" for "repositories": a known key that starts with what was typed.
  if (bestDistance > 2 && word.length >= 3) {
    const prefixed = candidates.find((c) => c.toLowerCase().startsWith(word.toLowerCase()));
    if (prefixed) return prefixed;
  }
  return bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
