/**
 * The vocabulary shared by every layer: sources → parse → facts → detectors → model → reports.
 * Kept free of imports so any layer can depend on it without pulling in another.
 */

/** A signal id from shared/spec/maturity-model.md (plus the documented extensions in docs/signals.md). */
export type SignalId = string;

/** Where a signal was seen. Never carries a secret's value. */
export type Evidence =
  | FileEvidence
  | ObjectEvidence
  | HistoryEvidence
  | AttestationEvidence;

export interface FileEvidence {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based line. */
  line: number;
  /** What was seen there, in a few words ("resource aws_eks_cluster.main"). */
  detail?: string;
  /** Set when evidence is lifted from a repository to the organization level. */
  repository?: string;
  /** Where the evidence came from when several kinds of source are merged. */
  source?: 'repository';
  /**
   * A library declared in a dependency file (prom-client, an OpenTelemetry SDK): it shows the code
   * is instrumented for the tool, not that the tool is deployed. Capabilities decide whether that
   * is enough (tracing) or only instrumentation (monitoring).
   */
  library?: true;
}

export interface ObjectEvidence {
  /** "apiVersion Kind namespace/name", e.g. "apps/v1 Deployment monitoring/prometheus-server". */
  object: string;
  detail?: string;
  cluster?: string;
  source?: 'cluster';
}

export interface HistoryEvidence {
  history: string;
  repository?: string;
  source?: 'history';
}

export interface AttestationEvidence {
  attestation: string;
  by: string;
  date: string;
  link?: string;
  expires?: string;
  source?: 'attestation';
}

/** Coverage of a practice over a population ("7 of 9 containers"). */
export interface Coverage {
  covered: number;
  total: number;
  /** What is counted: "containers", "service repositories"… */
  unit: string;
  /** Items that are not covered, with where they are. */
  missing: FileEvidence[] | Evidence[];
}

/** A signal found, with its evidence. */
export interface Detection {
  id: SignalId;
  evidence: Evidence[];
  /** Only for practices measured over a population (probes). */
  coverage?: Coverage;
}

export interface ScanWarning {
  file: string;
  message: string;
  repository?: string;
}

export type CapabilityStatus = 'met' | 'partial' | 'missing' | 'unknown';

/**
 * Kinds of source that can settle a capability. `repository` is any repository; a capability that
 * only a platform repository (where clusters and platform services are declared) or only a service
 * repository can show names `platform-repository` or `service-repository`. An
 * `infrastructure-repository` is a platform repository that declares some infrastructure; a
 * `kubernetes-infrastructure-repository` one whose infrastructure code touches Kubernetes (declares
 * a cluster, configures a kubernetes/helm provider, installs a distribution, applies manifests):
 * CloudFormation for ECS on Fargate cannot show whether a Kubernetes cluster is defined as code.
 */
export type SourceKind =
  | 'repository'
  | 'platform-repository'
  | 'infrastructure-repository'
  | 'kubernetes-infrastructure-repository'
  | 'service-repository'
  | 'history'
  | 'cluster'
  | 'team-config';

/**
 * What a repository is, which decides what it is asked for: a service builds something that runs
 * (an image, a workload of its own); a platform holds clusters, infrastructure and platform
 * services; a library has nothing to build into an image or deploy; tooling builds helper images
 * or scripts only.
 */
export type RepositoryKind = 'platform' | 'service' | 'library' | 'tooling';
