/** Live clusters (read-only) and saved cluster snapshots. Loads @kubernetes/client-node only when a live cluster is read. */
export { scanCluster, saveSnapshot, type ClusterScanOptions, type SaveSnapshotResult } from './scan.js';
export { readSnapshot, type SnapshotOptions } from './snapshot.js';
export { ClusterAccessError, type ClusterAccessCode } from './errors.js';
export { CLUSTER_RESOURCES, type ClusterResource } from './resources.js';
export type { ClusterScanResult, ClusterFlavour, ForbiddenResource, NamespaceTeam } from '../../cluster/types.js';
