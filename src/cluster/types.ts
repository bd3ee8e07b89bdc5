import type { Coverage, Detection, ScanWarning } from '../core/types.js';

/** How the cluster is run, read from node labels, node provider ids and the server version. */
export type ClusterFlavour = 'eks' | 'aks' | 'gke' | 'self-managed' | 'unknown';

/** A list the scan was not allowed to read: the capabilities that need it are `unknown`. */
export interface ForbiddenResource {
  /** Plural resource name: "pods", "secrets", "applications". */
  resource: string;
  verb: 'list';
  /** API group, "" for the core group. */
  group: string;
}

/** A namespace that carries the team label. */
export interface NamespaceTeam {
  namespace: string;
  team: string;
}

/** What one cluster (live context or saved snapshot) shows. Never holds a Secret's value. */
export interface ClusterScanResult {
  /** The kubeconfig context, or the snapshot's file name. */
  name: string;
  detections: Detection[];
  /** Practices measured over running workloads; `probes` is set when any long-running container runs. */
  coverage: { probes?: Coverage };
  warnings: ScanWarning[];
  forbidden: ForbiddenResource[];
  teams: NamespaceTeam[];
  flavour: ClusterFlavour;
  /** Objects read per resource ("pods": 20000), for reports and progress. */
  counts: Record<string, number>;
}
