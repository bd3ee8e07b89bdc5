import type { Coverage, FileEvidence, SignalId } from '../core/types.js';
import type { Repository } from '../workspace/repository.js';
import { findComponent, type ComponentSpec } from '../facts/tools/component.js';

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
  /**
   * What kind of tool it is (ci-system, delivery, metrics-backend…): a capability that accepts the
   * category is served by the signal without naming it (see docs/signals.md, "Categories").
   */
  category?: string;
  /** Present in a repository, it says the repository ships a service (a container build, a dev loop). */
  service?: true;
  /** Code-scanning rules reported for this signal's evidence (src/report/sarif.ts reads them). */
  sarif?: readonly SarifRuleText[];
  /** Data-only description of the tool's footprint, shared with cluster detection. */
  component?: ComponentSpec;
  /** What a live cluster shows of the tool beyond its component spec (src/cluster/inventory.ts). */
  cluster?: ClusterFootprint;
  /** Where a signal defined in YAML was written ("src/detectors/flagger/signal.yaml", ".k8s-maturity.yaml:12"). */
  definedIn?: string;
}

/** The text of one SARIF rule, kept with the signal it reports on. */
export interface SarifRuleText {
  /** The rule's key in reports: the signal id, or a finding of it ("missing-probes"). */
  key: string;
  /** Stable rule id, "K8SM001": code scanning tracks alerts by it. */
  id: string;
  name: string;
  short: string;
  full: string;
  fix: string;
  fixMarkdown: string;
  level: 'error' | 'warning' | 'note';
  tags: string[];
  precision: 'high' | 'medium';
  severity: 'error' | 'warning' | 'recommendation';
  /** The result's message; `{seen}` becomes ": <evidence detail>" (or nothing). */
  message: string;
  /**
   * Set for a coverage rule: reported for each uncovered item of this capability (containers
   * without probes). Without it the rule reports the signal's own evidence (an anti-pattern).
   */
  capability?: string;
}

/** Cluster-only footprints: admission webhooks, delivery labels, DaemonSets. */
export interface ClusterFootprint {
  /** An admission webhook whose configuration name, webhook name or service matches injects the tool. */
  webhooks?: RegExp;
  /** Labels or annotations that say the tool deployed an object. */
  labels?: readonly { key: string; what: string }[];
  /** A DaemonSet running one of these images (path without registry or tag) is the tool's agent. */
  daemonSetImages?: RegExp;
}

export interface DetectorResult {
  evidence: FileEvidence[];
  /** Practices measured over a population (probes over containers). */
  coverage?: Coverage;
}

export interface Detector extends DetectorDefinition {
  detect(repo: Repository): DetectorResult;
  /** Changes when a user's definition changes, so a cached scan is not reused (built-ins: the code). */
  fingerprint?: string;
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
