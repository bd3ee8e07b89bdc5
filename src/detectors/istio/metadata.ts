import type { FileEvidence } from '../../core/types.js';
import { isRecord, k8sObjects, type K8sObject } from '../../facts/k8s-objects.js';
import type { Repository } from '../../scan/repository.js';
import { lineOf } from '../../parse/yaml.js';
import { isTemplated, TEMPLATE_PLACEHOLDER } from '../../parse/helm-template.js';

/**
 * A label or annotation of an object or of its pod template. Meshes and secret injectors are
 * switched on this way (`linkerd.io/inject`, `istio-injection`, `vault.hashicorp.com/agent-inject`),
 * so linkerd, istio, consul-connect and vault share it. Suggested home: src/facts/k8s-objects.ts.
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

/**
 * CustomResourceDefinitions of an API group: committing a tool's CRDs means installing the tool.
 * (The component spec's `objects` matches an object's own group, apiextensions.k8s.io for a CRD.)
 */
export function crdsOfGroup(repo: Repository, group: RegExp): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const object of k8sObjects(repo)) {
    if (object.kind !== 'CustomResourceDefinition' || object.group !== 'apiextensions.k8s.io') continue;
    const spec = object.doc.spec;
    if (isRecord(spec) && typeof spec.group === 'string' && group.test(spec.group)) {
      evidence.push({ file: object.file, line: object.line, detail: `CustomResourceDefinition ${object.name}` });
    }
  }
  return evidence;
}

/** Keeps the first evidence of each file:line, in order; templated names read `{{…}}`, not the parser's placeholder. */
export function uniqueEvidence(evidence: FileEvidence[]): FileEvidence[] {
  const seen = new Set<string>();
  const out: FileEvidence[] = [];
  for (const e of evidence) {
    const key = `${e.file}:${e.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e.detail === undefined ? e : { ...e, detail: e.detail.replaceAll(TEMPLATE_PLACEHOLDER, '{{…}}') });
  }
  return out;
}
