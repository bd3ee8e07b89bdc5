/**
 * The model's signal list, derived: every signal of the registry (id, name, kind, category, from
 * its folder) plus the signals the model file declares itself (history and cluster facts, which
 * have no detector). A signal is written once; the model file names it only in capabilities.
 */
import type { DetectorDefinition } from '../detectors/detector.js';

type RawSignal = { id?: unknown };

/** The raw model (as read from YAML) with the registry's signals in front of its own. */
export function withRegistrySignals(raw: unknown, definitions: readonly DetectorDefinition[]): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const model = raw as { signals?: unknown };
  const own = Array.isArray(model.signals) ? (model.signals as RawSignal[]) : [];
  const ownIds = new Set(own.map((s) => s?.id));
  // A model file may still declare a registry signal (a user's older copy): its entry wins.
  const derived = definitions.filter((d) => !ownIds.has(d.id)).map(modelSignalOf);
  return { ...model, signals: [...derived, ...own] };
}

export function modelSignalOf(definition: DetectorDefinition): { id: string; name: string; kind: DetectorDefinition['kind']; category?: string } {
  return { id: definition.id, name: definition.name, kind: definition.kind, ...(definition.category ? { category: definition.category } : {}) };
}
