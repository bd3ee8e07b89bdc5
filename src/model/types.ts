import type { CapabilityStatus, Coverage, Detection, Evidence, RepositoryKind, ScanWarning, SignalId, SourceKind } from '../core/types.js';

/* ---------- The model, as data (model/default-model.yaml, validated by src/model/schema.ts) ---------- */

export interface ModelSignal {
  id: SignalId;
  name: string;
  kind: 'tool' | 'practice' | 'anti-pattern' | 'history' | 'cluster';
  /** What the tool is ("metrics-backend", "ci"); one or several. Capabilities accept categories. */
  category?: string | string[];
}

/**
 * A capability is satisfied by any of its alternatives; an alternative needs every one of its slots,
 * and a slot is any one of its signals. ["elasticsearch", "fluentd|fluent-bit", "kibana"] is EFK.
 */
export interface ModelCapability {
  id: string;
  stage: 1 | 2 | 3 | 4 | 5;
  name: string;
  description: string;
  /** true, false, or required only when any of these signals is present (self-managed clusters). */
  required: boolean | { whenAny: SignalId[] };
  scope: 'platform' | 'service';
  alternatives: string[][];
  /** Signals shown beside the capability as related (Grafana with Prometheus) without being needed. */
  related?: SignalId[];
  /** Anti-pattern signals that make the capability `missing` whatever else is there. */
  blockedBy?: SignalId[];
  /** For "absence of an anti-pattern" capabilities: the signal that makes the capability applicable. */
  applicableWhen?: SignalId[];
  /** Practices measured over a population: met at or above this share (default 1). */
  coverageThreshold?: number;
  /** Any present signal of one of these categories meets the capability on its own (Datadog for monitoring). */
  categories?: string[];
  /**
   * `instrumentation`: evidence that is a library in a dependency file (prom-client) shows the code
   * is instrumented, not that the capability is in place; it is shown apart and meets nothing.
   * Default `count` (tracing: instrumentation libraries are what a service contributes).
   */
  libraries?: 'count' | 'instrumentation';
  /** The kinds of source that can settle it; without any of them given, it is `unknown`, never `missing`. */
  sources: SourceKind[];
  roadmap: RoadmapAdvice;
}

export interface RoadmapAdvice {
  /** What the article recommends. */
  articleChoice: string;
  alternatives: string[];
  steps: string[];
  /** The evidence that will mark the capability met. */
  doneWhen: string;
}

export interface ModelStage {
  number: 1 | 2 | 3 | 4 | 5;
  name: string;
  summary: string;
}

export interface MaturityModel {
  version: number;
  source: { title: string; author: string };
  stages: ModelStage[];
  signals: ModelSignal[];
  capabilities: ModelCapability[];
}

/* ---------- The assessment, as every reporter reads it ---------- */

export interface CapabilityResult {
  id: string;
  stage: number;
  name: string;
  required: boolean;
  scope: 'platform' | 'service';
  status: CapabilityStatus;
  /** Signals that contributed, with their evidence (repository-qualified at team/org level). */
  signals: SignalId[];
  evidence: Evidence[];
  coverage?: Coverage;
  /** When status is unknown: what would settle it. When missing/partial: what is lacking. */
  reason?: string;
  /** Anti-pattern evidence that blocks the capability. */
  blockedBy?: { id: SignalId; evidence: Evidence[] }[];
  /** Met by a team's attestation rather than detected evidence. */
  byAttestation?: boolean;
  /** Set when a configured exemption waives the capability here; the reason is the configuration's. */
  exemption?: string;
  /** Client or instrumentation libraries seen that do not meet this capability on their own (prom-client for monitoring). */
  instrumentation?: Evidence[];
  /** When unknown because no source that could show it was scanned: those sources, e.g. ["platform-repository", "cluster"]. */
  settledBy?: SourceKind[];
}

export interface RoadmapStep {
  stage: number;
  capability: string;
  name: string;
  required: boolean;
  status: CapabilityStatus;
  /** One line: what to do, concretely. */
  title: string;
  steps: string[];
  articleChoice: string;
  alternatives: string[];
  /** Concrete places to act on: files, repositories, teams. */
  places: { repository?: string; file?: string; line?: number; note: string }[];
  doneWhen: string;
}

export interface RepositoryAssessment {
  path: string;
  /** Service repositories carry service-scope capabilities; the other kinds do not. */
  kind: RepositoryKind;
  /** Why it is that kind, with the file that shows it, or "set in <config>". */
  kindReason: string;
  stage: number;
  /** True when unknown capabilities were taken on trust in this stage (see docs/how-it-decides.md). */
  stageProvisional: boolean;
  detections: Detection[];
  capabilities: CapabilityResult[];
  warnings: ScanWarning[];
}

export interface ClusterAssessment {
  name: string;
  detections: Detection[];
  warnings: ScanWarning[];
}

export interface TeamAssessment {
  name: string;
  stage: number;
  stageProvisional: boolean;
  repositories: string[];
  capabilities: CapabilityResult[];
}

export interface Assessment {
  schemaVersion: 1;
  tool: { name: 'k8s-maturity'; version: string };
  generatedAt: string;
  organization: string;
  model: { version: number; source: { title: string; author: string }; stages: ModelStage[] };
  stage: number;
  /** True when unknown capabilities were taken on trust (the stage may be lower) or a later stage went unclaimed for lack of evidence only (it may be higher): docs/how-it-decides.md. */
  stageProvisional: boolean;
  repositories: RepositoryAssessment[];
  clusters: ClusterAssessment[];
  capabilities: CapabilityResult[];
  teams: TeamAssessment[];
  roadmap: RoadmapStep[];
  /** Unknown required capabilities and the source that would settle each. */
  toVerify: { capability: string; reason: string; settledBy?: SourceKind[] }[];
  warnings: ScanWarning[];
}
