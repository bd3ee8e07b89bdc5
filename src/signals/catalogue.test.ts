import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is plain JavaScript
import { signalsDoc } from '../../scripts/signals-doc.mjs';
import { DEFINITIONS } from '../detectors/definitions.js';
import { DETECTORS } from '../detectors/registry.js';
import { DEFAULT_MODEL_PATH, loadModel } from '../model/load.js';
import type { ModelCapability } from '../model/types.js';

/** Every signal a capability names or accepts by category. */
function reachable(capabilities: readonly (ModelCapability & { categories?: string[] })[], categoryOf: (id: string) => string[]): (id: string) => boolean {
  const named = new Set(
    capabilities.flatMap((c) => [
      ...c.alternatives.flat().flatMap((slot) => slot.split('|')),
      ...(c.related ?? []),
      ...(c.blockedBy ?? []),
      ...(c.applicableWhen ?? []),
      ...(typeof c.required === 'object' ? c.required.whenAny : []),
    ]),
  );
  const accepted = new Set(capabilities.flatMap((c) => c.categories ?? []));
  return (id) => named.has(id) || categoryOf(id).some((c) => accepted.has(c));
}

describe('one definition per signal: registry, model, SARIF rules and docs agree', () => {
  it('derives the model\'s signal list from the registry, and the model file repeats none of them', async () => {
    const raw = jsyaml.load(readFileSync(DEFAULT_MODEL_PATH, 'utf8')) as { signals: { id: string; kind: string }[] };
    const ids = new Set(DEFINITIONS.map((d) => d.id));
    expect(raw.signals.filter((s) => ids.has(s.id)).map((s) => s.id)).toEqual([]);
    // What the model file still declares has no detector by nature: git history and cluster facts.
    expect([...new Set(raw.signals.map((s) => s.kind))].sort()).toEqual(['cluster', 'history']);
    const model = await loadModel();
    for (const definition of DEFINITIONS) {
      expect(model.signals.find((s) => s.id === definition.id)).toEqual({ id: definition.id, name: definition.name, kind: definition.kind, ...(definition.category ? { category: definition.category } : {}) });
    }
  });

  it('has every detector serve a capability of the model, by name or by category (a detector left out counts for no stage)', async () => {
    const model = await loadModel();
    const categoryOf = (id: string) => [model.signals.find((s) => s.id === id)?.category ?? []].flat();
    const served = reachable(model.capabilities, categoryOf);
    // Reported, but no capability of the default model needs it (a user's model can ask for it):
    // docker-compose, which the spec lists. Policy and progressive-delivery tools serve the optional
    // policy-as-code and progressive-delivery capabilities by category.
    const reportedOnly = (id: string) => id === 'docker-compose';
    expect(DETECTORS.map((d) => d.id).filter((id) => !served(id) && !reportedOnly(id))).toEqual([]);
  });

  it('notices a detector that the model leaves out', async () => {
    const model = await loadModel();
    const categoryOf = (id: string) => (id === 'orphan' ? ['no-such-category'] : []);
    expect(reachable(model.capabilities, categoryOf)('orphan')).toBe(false);
  });

  it('keeps SARIF rules with their signals: unique rule ids, keys of real signals or capabilities', async () => {
    const model = await loadModel();
    const rules = DEFINITIONS.flatMap((d) => (d.sarif ?? []).map((rule) => ({ signal: d.id, ...rule })));
    expect(rules.map((r) => r.id)).toEqual([...new Set(rules.map((r) => r.id))]);
    for (const rule of rules) {
      if (rule.capability === undefined) expect(rule.key).toBe(rule.signal);
      else expect(model.capabilities.map((c) => c.id)).toContain(rule.capability);
    }
    expect(rules.map((r) => r.key).sort()).toEqual(['eol-base-images', 'latest-tag-images', 'missing-probes', 'static-secrets', 'unmanaged-secrets']);
  });

  it('has docs/signals.md up to date (run `npm run build && node scripts/signals-doc.mjs`)', async () => {
    const written = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'signals.md'), 'utf8');
    expect(written).toBe(signalsDoc(await loadModel(), DEFINITIONS));
  });

  it('marks the service signals in their definitions', () => {
    expect(DEFINITIONS.filter((d) => d.service).map((d) => d.id)).toEqual(['buildah', 'devspace', 'docker', 'image-pipeline', 'kaniko', 'podman', 'skaffold', 'tilt']);
  });
});
