import { isRecord, k8sObjects, type K8sObject } from './k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';
import { lineOf } from '../../parse/yaml.js';
import { isTemplated } from '../../parse/helm-template.js';

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
  readonly line: number;
}

/**
 * An entry whose line is looked up only when asked: a large repository has tens of thousands of
 * labels, and evidence is given for a few of them.
 */
class Entry implements MetadataEntry {
  constructor(
    readonly key: string,
    readonly value: string,
    readonly kind: 'label' | 'annotation',
    private readonly map: Record<string, unknown>,
    private readonly objectLine: number,
  ) {}

  get line(): number {
    return lineOf(this.map, this.key, this.objectLine);
  }
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
        entries.push(new Entry(key, String(raw), kind, map, object.line));
      }
    }
  }
  return entries;
}

/**
 * Every object (in k8sObjects order) with its metadataEntries, read once per repository: the
 * linkerd, istio, consul-connect and vault detectors all look at every object's labels.
 */
export function objectMetadata(repo: Repository): { object: K8sObject; entries: MetadataEntry[] }[] {
  return repo.memo('objectMetadata', () => k8sObjects(repo).map((object) => ({ object, entries: metadataEntries(object) })));
}

/** A label or annotation with the object it belongs to. */
export interface ObjectMetadataEntry {
  object: K8sObject;
  entry: MetadataEntry;
}

/**
 * Labels and annotations whose key passes `wanted`, with their objects, in object order (and the
 * order of metadataEntries within one). Indexed by key once per repository: the mesh detectors
 * look for a few keys among the tens of thousands of labels of a large repository.
 */
export function metadataWithKey(repo: Repository, wanted: (key: string) => boolean): ObjectMetadataEntry[] {
  const { entries, positionsByKey } = metadataIndex(repo);
  const positions: number[] = [];
  for (const [key, list] of positionsByKey) if (wanted(key)) for (const position of list) positions.push(position);
  return positions.sort((a, b) => a - b).map((position) => entries[position]!);
}

function metadataIndex(repo: Repository): { entries: ObjectMetadataEntry[]; positionsByKey: Map<string, number[]> } {
  return repo.memo('metadataIndex', () => {
    const entries: ObjectMetadataEntry[] = [];
    const positionsByKey = new Map<string, number[]>();
    for (const { object, entries: objectEntries } of objectMetadata(repo)) {
      for (const entry of objectEntries) {
        let positions = positionsByKey.get(entry.key);
        if (positions === undefined) positionsByKey.set(entry.key, (positions = []));
        positions.push(entries.length);
        entries.push({ object, entry });
      }
    }
    return { entries, positionsByKey };
  });
}

/** "true", "enabled"… written literally (a templated value could be anything). */
export function isEnabling(value: string, accepted: readonly string[] = ['true', 'enabled']): boolean {
  if (isTemplated(value)) return false;
  return accepted.includes(value.trim().toLowerCase());
}
