import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ClusterInventory } from '../../cluster/inventory.js';
import type { ClusterScanResult, ForbiddenResource } from '../../cluster/types.js';
import type { ScanWarning } from '../../core/types.js';
import type { Detector } from '../../detectors/detector.js';
import { DETECTORS } from '../../detectors/registry.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { ClusterClient, type ConnectOptions } from './client.js';
import { walkCluster, type WalkOptions } from './walk.js';

export interface ClusterScanOptions extends ConnectOptions, WalkOptions {
  /** Namespace label naming the owning team (default "team"). */
  teamLabel?: string;
  /** Detectors whose component specs are applied (default: the registry). */
  detectors?: readonly Pick<Detector, 'id' | 'component'>[];
}

/**
 * Reads one live cluster (one kubeconfig context), read-only, and returns what it shows.
 * Throws ClusterAccessError when the cluster cannot be read at all; anything less is a warning,
 * a `forbidden` entry or a partial result.
 */
export async function scanCluster(options: ClusterScanOptions = {}): Promise<ClusterScanResult> {
  const client = await ClusterClient.connect(options);
  const inventory = new ClusterInventory({ cluster: client.name, teamLabel: options.teamLabel, detectors: options.detectors ?? DETECTORS });
  const walked = await walkCluster(client, options, {
    serverVersion: (version) => inventory.addServerVersion(version),
    item: (object) => inventory.add(object),
    complete: (resource) => {
      if (resource.resource === 'pods' && resource.group === '') inventory.markPodsComplete();
    },
  });
  return { name: client.name, ...inventory.result(), warnings: walked.warnings, forbidden: walked.forbidden, counts: walked.counts };
}

export interface SaveSnapshotResult {
  /** The context that was saved. */
  name: string;
  output: string;
  counts: Record<string, number>;
  warnings: ScanWarning[];
  forbidden: ForbiddenResource[];
}

/**
 * Writes a live cluster as one `v1 List` (the shape of `kubectl get … -o json`), streamed object by
 * object, for assessors without live access. Secrets are metadata only; environment variable values
 * and kubectl's last-applied-configuration annotations are left out as well (they can hold secrets).
 */
export async function saveSnapshot(options: ClusterScanOptions & { output: string }): Promise<SaveSnapshotResult> {
  const client = await ClusterClient.connect(options);
  const out = createWriteStream(options.output, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let first = true;
  try {
    await write('{"apiVersion":"v1","kind":"List","items":[\n');
    const walked = await walkCluster(client, options, {
      item: async (object) => {
        await write(`${first ? '' : ',\n'}${JSON.stringify(forSnapshot(object))}`);
        first = false;
      },
    });
    await write('\n],"metadata":{"resourceVersion":""}}\n');
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    return { name: client.name, output: options.output, counts: walked.counts, warnings: walked.warnings, forbidden: walked.forbidden };
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/** Removes what a snapshot never needs and what may hold a secret. Secrets arrive already reduced. */
function forSnapshot(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = isRecord(object.metadata) ? { ...object.metadata } : undefined;
  if (metadata) {
    delete metadata.managedFields;
    if (isRecord(metadata.annotations)) {
      const annotations = { ...metadata.annotations };
      delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
      metadata.annotations = annotations;
    }
  }
  return stripEnvValues({ ...object, ...(metadata ? { metadata } : {}) }) as Record<string, unknown>;
}

/** `env: [{name, value}]` anywhere in a pod template: keep the names, drop literal values. */
function stripEnvValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripEnvValues);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'env' && Array.isArray(child)) {
      out.env = child.map((entry) => (isRecord(entry) && 'value' in entry ? { ...entry, value: '' } : entry));
    } else if ((key === 'args' || key === 'command') && Array.isArray(child)) {
      out[key] = redactSecretFlags(child);
    } else {
      out[key] = stripEnvValues(child);
    }
  }
  return out;
}

const SECRET_FLAG = /^-{1,2}[\w.-]*(pass(word|wd)?|token|secret|credentials?|api[_-]?key|private[_-]?key)[\w.-]*$/i;

/** `--password=x`, `--db-token x`: the flag stays (detectors may read it), its value does not. */
function redactSecretFlags(args: unknown[]): unknown[] {
  return args.map((arg, i) => {
    if (typeof arg !== 'string') return arg;
    const eq = arg.indexOf('=');
    if (eq > 0 && SECRET_FLAG.test(arg.slice(0, eq))) return `${arg.slice(0, eq)}=<redacted>`;
    const previous = args[i - 1];
    if (typeof previous === 'string' && !previous.includes('=') && SECRET_FLAG.test(previous) && !arg.startsWith('-')) return '<redacted>';
    return arg;
  });
}
