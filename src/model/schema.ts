import { z } from 'zod';

/** The model file's schema. The built-in model and a user's overrides are checked by the same rules. */

const stageNumber = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const signalId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a signal id is lower-case words joined by dashes, e.g. "argo-cd"');
const categoryId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a category id is lower-case words joined by dashes, e.g. "metrics-backend"');
const slot = z.string().regex(/^[a-z0-9-]+(\|[a-z0-9-]+)*$/, 'a slot is a signal id, or several joined by "|" (any of them)');

export const roadmapSchema = z
  .object({
    articleChoice: z.string(),
    alternatives: z.array(z.string()),
    steps: z.array(z.string()).min(1),
    doneWhen: z.string(),
  })
  .strict();

export const capabilitySchema = z
  .object({
    id: signalId,
    stage: stageNumber,
    name: z.string().min(1),
    description: z.string().min(1),
    required: z.union([z.boolean(), z.object({ whenAny: z.array(signalId).min(1) }).strict()]),
    scope: z.enum(['platform', 'service']),
    alternatives: z.array(z.array(slot).min(1)).min(1),
    related: z.array(signalId).optional(),
    blockedBy: z.array(signalId).optional(),
    applicableWhen: z.array(signalId).optional(),
    coverageThreshold: z.number().min(0).max(1).optional(),
    /** Any present signal of one of these categories meets the capability on its own. */
    categories: z.array(categoryId).optional(),
    /** `instrumentation`: a library in a dependency file is shown, but does not meet the capability. */
    libraries: z.enum(['count', 'instrumentation']).optional(),
    sources: z
      .array(
        z.enum([
          'repository',
          'platform-repository',
          'infrastructure-repository',
          'kubernetes-infrastructure-repository',
          'service-repository',
          'history',
          'cluster',
          'team-config',
        ]),
      )
      .min(1),
    roadmap: roadmapSchema,
  })
  .strict();

export const modelSchema = z
  .object({
    version: z.number().int().positive(),
    source: z.object({ title: z.string(), author: z.string() }).strict(),
    stages: z.array(z.object({ number: stageNumber, name: z.string(), summary: z.string() }).strict()).length(5),
    signals: z.array(
      z
        .object({
          id: signalId,
          name: z.string(),
          kind: z.enum(['tool', 'practice', 'anti-pattern', 'history', 'cluster']),
          /** What the tool is (metrics-backend, ci…): capabilities accept categories, not only named tools. */
          category: z.union([categoryId, z.array(categoryId).min(1)]).optional(),
        })
        .strict(),
    ),
    capabilities: z.array(capabilitySchema),
  })
  .strict();

/** What a user may change per capability in `.k8s-maturity.yaml` under `model.capabilities.<id>`. */
export const capabilityOverrideSchema = z
  .object({
    required: z.boolean().optional(),
    alternatives: z.array(z.array(slot).min(1)).min(1).optional(),
    /** Alternatives added to the built-in ones (e.g. a home-grown deploy tool). */
    addAlternatives: z.array(z.array(slot).min(1)).optional(),
    coverageThreshold: z.number().min(0).max(1).optional(),
    /** The categories the capability accepts (replaces the built-in list; [] accepts named alternatives only). */
    categories: z.array(categoryId).optional(),
  })
  .strict();

export const modelOverrideSchema = z
  .object({
    capabilities: z.record(z.string(), capabilityOverrideSchema).optional(),
  })
  .strict();

export type ModelOverride = z.infer<typeof modelOverrideSchema>;
