import type { z } from 'zod';
import { didYouMean } from '../core/edit-distance.js';
import type { MaturityModel } from './types.js';
import { ModelError } from './errors.js';
import { modelOverrideSchema, modelSchema, type ModelOverride } from './schema.js';

/** Checking a model and applying overrides to it: the schema (zod) is loaded only for these. */

export function validateModel(raw: unknown, label: string): MaturityModel {
  const parsed = modelSchema.safeParse(raw);
  if (!parsed.success) throw new ModelError(formatIssues(label, parsed.error));
  const model = parsed.data as MaturityModel;
  checkReferences(model, label);
  return model;
}

/** Every signal a capability names must be declared, so a typo cannot silently make a capability unreachable. */
function checkReferences(model: MaturityModel, label: string): void {
  const known = new Set(model.signals.map((s) => s.id));
  const seen = new Set<string>();
  model.capabilities.forEach((capability, index) => {
    if (seen.has(capability.id)) throw new ModelError(`${label}: capabilities[${index}].id: "${capability.id}" is declared twice; give each capability its own id`);
    seen.add(capability.id);
    const named = [
      ...capability.alternatives.flat().flatMap((slot) => slot.split('|')),
      ...(capability.related ?? []),
      ...(capability.blockedBy ?? []),
      ...(capability.applicableWhen ?? []),
      ...(typeof capability.required === 'object' ? capability.required.whenAny : []),
    ];
    for (const id of named) {
      if (!known.has(id)) throw new ModelError(`${label}: capabilities[${index}] (${capability.id}): unknown signal "${id}"${suggest(id, known)}; declare it under signals or fix the id`);
    }
  });
}

/** Applies `model:` overrides from a user's configuration to a copy of the model. */
export function applyOverrides(model: MaturityModel, override: unknown, label: string): MaturityModel {
  const parsed = modelOverrideSchema.safeParse(override ?? {});
  if (!parsed.success) throw new ModelError(formatIssues(`${label}: model`, parsed.error));
  const changes: ModelOverride = parsed.data;
  const copy: MaturityModel = structuredClone(model);
  const ids = new Set(copy.capabilities.map((c) => c.id));
  for (const [id, change] of Object.entries(changes.capabilities ?? {})) {
    if (!ids.has(id)) throw new ModelError(`${label}: model.capabilities.${id}: no such capability${suggest(id, ids)}`);
    const capability = copy.capabilities.find((c) => c.id === id)!;
    if (change.required !== undefined) capability.required = change.required;
    if (change.alternatives) capability.alternatives = change.alternatives;
    if (change.addAlternatives) capability.alternatives = [...capability.alternatives, ...change.addAlternatives];
    if (change.coverageThreshold !== undefined) capability.coverageThreshold = change.coverageThreshold;
    if (change.categories) capability.categories = change.categories;
  }
  return validateModel(copy, label);
}

export function formatIssues(label: string, error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : String(part)), '');
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') message = `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove it or check its spelling`;
      if (issue.code === 'invalid_type') message = `expected ${issue.expected}, got ${issue.received}`;
      return `${label}: ${path || '(top level)'}: ${message}`;
    })
    .join('\n');
}

/** The model's own typo hint: the one rule of core/edit-distance.ts. */
export function suggest(word: string, candidates: Iterable<string>): string {
  return didYouMean(word, candidates);
}
