import { isRecord } from '../facts/k8s/k8s-objects.js';

/**
 * A Secret reduced to what the scan may know: name, namespace, labels, owners, annotation KEYS and
 * type. Built by copying allowed fields into a new object (never by deleting from the original),
 * so `data`, `stringData`, managedFields and annotation values (kubectl's last-applied-configuration
 * holds the whole Secret, values included) cannot survive. Every source calls this on each Secret
 * before anything else sees it.
 */
export function secretMetadataOnly(item: unknown, knownType?: string): Record<string, unknown> {
  const source = isRecord(item) ? item : {};
  const meta = isRecord(source.metadata) ? source.metadata : {};
  const metadata: Record<string, unknown> = {};
  for (const key of ['name', 'namespace', 'uid', 'creationTimestamp'] as const) {
    if (typeof meta[key] === 'string') metadata[key] = meta[key];
  }
  if (isRecord(meta.labels)) metadata.labels = stringMap(meta.labels, true);
  if (isRecord(meta.annotations)) metadata.annotations = stringMap(meta.annotations, false);
  if (Array.isArray(meta.ownerReferences)) {
    metadata.ownerReferences = meta.ownerReferences.filter(isRecord).map((ref) => ({
      apiVersion: String(ref.apiVersion ?? ''),
      kind: String(ref.kind ?? ''),
      name: String(ref.name ?? ''),
    }));
  }
  const type = typeof source.type === 'string' ? source.type : knownType;
  return { apiVersion: 'v1', kind: 'Secret', metadata, ...(type ? { type } : {}) };
}

/** Labels are short selectors and kept; annotation values are dropped (only their keys are read). */
function stringMap(map: Record<string, unknown>, keepValues: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) out[key] = keepValues && typeof value === 'string' ? value.slice(0, 63) : '';
  return out;
}
