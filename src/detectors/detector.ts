import type { Coverage, FileEvidence, SignalId } from '../core/types.js';
import type { Repository } from '../scan/repository.js';
import { findComponent, type ComponentSpec } from '../facts/component.js';

/**
 * A detector finds one signal in a repository. It lives in its own folder
 * (src/detectors/<id>/: definition.ts, index.ts, <id>.test.ts, fixtures/), reads only through
 * the Repository and the shared facts (so every file is parsed once), never prints and never
 * throws on bad input: an unreadable file is the Repository's warning, not the detector's problem.
 */
export interface DetectorDefinition {
  /** The signal id (shared/spec/maturity-model.md); also the folder name. */
  id: SignalId;
  /** Human name: "Terraform", "Liveness and readiness probes". */
  name: string;
  kind: 'tool' | 'practice' | 'anti-pattern';
  /** What counts as evidence, in a sentence or two (shown by `k8s-maturity signals`). */
  description: string;
  /** How to adopt the tool or fix the anti-pattern; used by the roadmap and SARIF help. */
  remediation: string;
  /** Data-only description of the tool's footprint, shared with cluster detection. */
  component?: ComponentSpec;
}

export interface DetectorResult {
  evidence: FileEvidence[];
  /** Practices measured over a population (probes over containers). */
  coverage?: Coverage;
}

export interface Detector extends DetectorDefinition {
  detect(repo: Repository): DetectorResult;
}

/**
 * Builds a detector from its definition. Without a custom `detect`, the definition's component
 * spec is the whole detector; a custom `detect` may still call findComponent for the common part.
 */
export function defineDetector(definition: DetectorDefinition, detect?: (repo: Repository) => FileEvidence[] | DetectorResult): Detector {
  const run = detect ?? ((repo: Repository) => (definition.component ? findComponent(repo, definition.component) : []));
  return {
    ...definition,
    detect(repo) {
      const result = run(repo);
      return Array.isArray(result) ? { evidence: result } : result;
    },
  };
}
