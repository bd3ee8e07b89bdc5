import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ClusterInventory } from '../../cluster/inventory.js';
import { secretMetadataOnly } from '../../cluster/secrets.js';
import type { ClusterScanResult } from '../../cluster/types.js';
import type { ScanWarning } from '../../core/types.js';
import type { Detector } from '../../detectors/detector.js';
import { DETECTORS } from '../../detectors/registry.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { ClusterAccessError } from './errors.js';
import { resourceNameOf } from './resources.js';

export interface SnapshotOptions {
  teamLabel?: string;
  detectors?: readonly Pick<Detector, 'id' | 'component'>[];
}

/**
 * Reads a saved cluster: the JSON of `kubectl get … -A -o json` (a v1 List), or several such
 * documents concatenated (`kubectl get … -o json >> cluster.json`). Secrets are reduced to metadata
 * as soon as they are parsed. The cluster's name is the file's base name.
 */
export async function readSnapshot(file: string, options: SnapshotOptions = {}): Promise<ClusterScanResult> {
  const name = basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ClusterAccessError('snapshot', `cannot read cluster snapshot ${file}: ${reason}`);
  }
  const warnings: ScanWarning[] = [];
  const where = `cluster:${name}`;
  const { documents, error } = parseJsonDocuments(text);
  text = '';
  if (documents.length === 0) {
    throw new ClusterAccessError('snapshot', `cannot read cluster snapshot ${file}: ${error ?? 'no JSON document'} (expected the output of kubectl get … -o json)`);
  }
  if (error) warnings.push({ file: where, message: `the snapshot is cut short or malformed after ${documents.length} document(s): ${error}` });

  const inventory = new ClusterInventory({ cluster: name, teamLabel: options.teamLabel, detectors: options.detectors ?? DETECTORS });
  const counts: Record<string, number> = {};
  let unknown = 0;
  const add = (item: unknown): void => {
    if (!isRecord(item) || typeof item.kind !== 'string') return;
    if (item.kind === 'List' && Array.isArray(item.items)) {
      for (const child of item.items) add(child);
      return;
    }
    if (typeof item.apiVersion !== 'string') {
      unknown++;
      return;
    }
    const object = item.kind === 'Secret' ? secretMetadataOnly(item) : item;
    const resource = resourceNameOf(item.apiVersion, item.kind);
    counts[resource] = (counts[resource] ?? 0) + 1;
    inventory.add(object);
  };
  for (let i = 0; i < documents.length; i++) {
    const document = documents[i];
    documents[i] = undefined;
    if (isRecord(document) && Array.isArray(document.items)) {
      const items = document.items;
      for (let j = 0; j < items.length; j++) {
        const item = items[j];
        // Drop each object once read; a Secret's data goes with it.
        items[j] = undefined;
        add(item);
      }
    } else {
      add(document);
    }
  }
  if ((counts.pods ?? 0) > 0) inventory.markPodsComplete();
  if (counts.secrets === undefined) warnings.push({ file: where, message: 'the snapshot holds no Secrets: static Secrets in the cluster are not judged (see docs/clusters.md)' });
  if (counts.pods === undefined) warnings.push({ file: where, message: 'the snapshot holds no Pods: probe coverage is read from workload templates' });
  if (unknown > 0) warnings.push({ file: where, message: `${unknown} object(s) without apiVersion were ignored` });
  return { name, ...inventory.result(), warnings, forbidden: [], counts };
}

/**
 * One JSON document, or several written one after another. Tries the whole text first (the common
 * case); otherwise splits at the end of each top-level value and keeps the documents before a
 * broken one.
 */
export function parseJsonDocuments(text: string): { documents: unknown[]; error?: string } {
  try {
    return { documents: [JSON.parse(text) as unknown] };
  } catch {
    // Several documents, or a broken one: split below.
  }
  const documents: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth === 0 && start >= 0) {
        try {
          documents.push(JSON.parse(text.slice(start, i + 1)) as unknown);
        } catch (error) {
          return { documents, error: (error as Error).message };
        }
        start = -1;
      } else if (depth < 0) {
        return { documents, error: `unexpected "${text[i]}" at offset ${i}` };
      }
    } else if (depth === 0 && c > 32) {
      return { documents, error: `unexpected "${text[i]}" at offset ${i}` };
    }
  }
  if (depth > 0) return { documents, error: 'the last document is cut short' };
  return { documents };
}
