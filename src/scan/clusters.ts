import { isAbsolute, resolve } from 'node:path';
import type { ScanWarning } from '../core/types.js';
import type { ClusterInput } from '../model/assess.js';
import type { Detector } from '../detectors/detector.js';

/** A cluster to read: a live context (read-only) or a saved snapshot. */
export type ClusterRequest = { snapshot: string } | { kubeconfig?: string; context?: string };

export interface ClusterReadOptions {
  teamLabel?: string;
  requestTimeoutMs?: number;
  deadlineMs?: number;
  maxResponseBytes?: number;
  maxObjectsPerList?: number;
  /** An unreachable cluster becomes a warning instead of stopping the scan. */
  keepGoing: boolean;
  onProgress?: (text: string) => void;
  /** The footprints to recognise (default: the registry's); a configuration's own signals add theirs. */
  detectors?: readonly Detector[];
}

/**
 * Reads every requested cluster. The Kubernetes client library is imported only here, and only
 * when there is a cluster to read. An unreachable cluster, a TLS failure or bad credentials stop the
 * scan (ClusterAccessError, exit 2) unless keepGoing allows turning them into warnings.
 */
export async function readClusters(requests: readonly ClusterRequest[], options: ClusterReadOptions): Promise<{ clusters: ClusterInput[]; warnings: ScanWarning[] }> {
  const clusters: ClusterInput[] = [];
  const warnings: ScanWarning[] = [];
  if (requests.length === 0) return { clusters, warnings };
  const cluster = await import('../sources/cluster/index.js');
  const teamLabel = { ...(options.teamLabel ? { teamLabel: options.teamLabel } : {}), ...(options.detectors ? { detectors: options.detectors } : {}) };
  for (const request of requests) {
    const label = 'snapshot' in request ? request.snapshot : (request.context ?? 'current-context');
    try {
      const result =
        'snapshot' in request
          ? await cluster.readSnapshot(request.snapshot, teamLabel)
          : await cluster.scanCluster({
              ...request,
              ...teamLabel,
              ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
              ...(options.deadlineMs ? { deadlineMs: options.deadlineMs } : {}),
              ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
              ...(options.maxObjectsPerList ? { maxObjectsPerList: options.maxObjectsPerList } : {}),
              ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            });
      clusters.push({
        name: result.name,
        detections: result.detections,
        warnings: result.warnings,
        forbidden: result.forbidden.map((f) => `list ${f.group ? `${f.resource}.${f.group}` : f.resource}`),
      });
    } catch (error) {
      if (error instanceof cluster.ClusterAccessError && options.keepGoing) {
        warnings.push({ file: `cluster:${label}`, message: error.message });
        continue;
      }
      throw error;
    }
  }
  return { clusters, warnings };
}

/** Clusters named in the configuration, with paths relative to the configuration's folder. */
export function configuredClusters(entries: readonly { context?: string | undefined; kubeconfig?: string | undefined; snapshot?: string | undefined }[], baseDir: string): ClusterRequest[] {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  return entries.map((entry) =>
    entry.snapshot ? { snapshot: at(entry.snapshot) } : { ...(entry.kubeconfig ? { kubeconfig: at(entry.kubeconfig) } : {}), ...(entry.context ? { context: entry.context } : {}) },
  );
}
