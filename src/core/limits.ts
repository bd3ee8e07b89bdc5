/** Bounds that keep hostile or enormous input from hurting the scan. Hitting one is a warning. */
export interface Limits {
  /** Largest file that is read and parsed, in bytes. */
  maxFileBytes: number;
  /** Bytes read per repository before the rest is skipped. */
  maxTotalBytes: number;
  /** YAML documents parsed per file. */
  maxDocumentsPerFile: number;
  /** Nodes a parsed document may expand to (alias bombs expand to billions). */
  maxNodesPerDocument: number;
  /** Files listed per repository. */
  maxFiles: number;
  /** Bytes of one cluster answer (one page of a list) read at most. */
  maxClusterResponseBytes: number;
  /** Objects of one cluster list read at most. */
  maxClusterObjects: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxDocumentsPerFile: 2_000,
  maxNodesPerDocument: 200_000,
  maxFiles: 300_000,
  maxClusterResponseBytes: 64 * 1024 * 1024,
  maxClusterObjects: 200_000,
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}
