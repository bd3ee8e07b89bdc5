import { isRecord, type K8sObject } from './k8s-objects.js';
import { lineOf } from '../parse/yaml.js';
import { isTemplated } from '../parse/helm-template.js';

/**
 * A label or annotation of an object or of its pod template. Meshes and secret injectors are
 * switched on this way (`linkerd.io/inject`, `istio-injection`, `vault.hashicorp.com/agent-inject`),
 * so linkerd, istio, consul-connect and vault share it.
 */
export interface MetadataEntry {
  key: string;
  /** Scalars as text; templated values keep TEMPLATE_PLACEHOLDER. */
  value: string;
  kind: 'label' | 'annotation';
  line: number;
}

export function metadataEntries(object: K8sObject): MetadataEntry[] {
  const entries: MetadataEntry[] = [];
  const scopes: unknown[] = [object.doc.metadata];
  // The pod template's metadata, wherever the kind keeps it (Deployment, CronJob…).
  const spec = object.doc.spec;
  if (isRecord(spec)) {
    if (isRecord(spec.template)) scopes.push(spec.template.metadata);
    const job = isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
    if (job && isRecord(job.template)) scopes.push(job.template.metadata);
  }
  for (const metadata of scopes) {
    if (!isRecord(metadata)) continue;
    for (const [field, kind] of [['labels', 'label'], ['annotations', 'annotation']] as const) {
      const map = metadata[field];
      if (!isRecord(map)) continue;
      for (const [key, raw] of Object.entries(map)) {
        if (typeof raw !== 'string' && typeof raw !== 'boolean' && typeof raw !== 'number') continue;
        entries.push({ key, value: String(raw), kind, line: lineOf(map, key, object.line) });
      }
    }
  }
  return entries;
}

/** "true", "enabled"… written literally (a templated value could be anything). */
export function isEnabling(value: string, accepted: readonly string[] = ['true', 'enabled']): boolean {
  if (isTemplated(value)) return false;
  return accepted.includes(value.trim().toLowerCase());
}
