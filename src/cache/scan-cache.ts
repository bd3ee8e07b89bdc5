import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import type { Limits } from '../core/limits.js';
import { BUILTIN_SIGNALS_DATA } from '../signals/signal-folders.js';
import type { DetectorSettings } from '../core/detector-settings.js';
import type { FileEvidence, RepositoryKind, ScanWarning } from '../core/types.js';
import type { RepositoryDetection } from '../scan/run-detectors.js';

/**
 * Results of repository scans, reused when nothing they depend on changed. One file per
 * repository folder (so the cache never grows beyond one entry per repository), holding the key
 * it was computed for and the scan's detections, kind and warnings. The key is a hash of
 *   - the tool: package version, model file, the compiled code (any change to a detector, a fact,
 *     a parser or the registry gives new keys) and the limits; the detector set when not all run;
 *   - the repository's content: git blob ids (size and mtime for files git cannot vouch for).
 * Beside it, two more files per repository so that an unchanged one starts no git process on a
 * rescan: its history (`.history.json`, see HistoryCache in src/history/read-history.ts) and its
 * file listing (`.listing.json`, see ListingStore in src/sources/repository/list-files.ts).
 * The folder is safe to delete at any time; a corrupt or foreign file is a miss, never an error.
 */

/** Bumped when the shape of an entry changes. */
const FORMAT = 1;

export interface CachedScan {
  kind: RepositoryKind;
  /** Why it is that kind (src/scan/repository-kind.ts). */
  kindReason: string;
  detections: RepositoryDetection[];
  warnings: ScanWarning[];
  files: number;
  /** Where its infrastructure code touches Kubernetes (src/facts/iac/kubernetes-in-infrastructure.ts); absent when none does. */
  kubernetesInInfrastructure?: FileEvidence[];
}

/** Serializable settings, so that worker threads open the same cache. */
export interface ScanCacheSettings {
  dir: string;
  fingerprint: string;
}

/** `<cache-dir>/scans` when --cache-dir is given, else $XDG_CACHE_HOME/k8s-maturity/scans (or ~/.cache/…). */
export function scanCacheDir(cacheDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (cacheDir) return join(cacheDir, 'scans');
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'k8s-maturity', 'scans');
}

let codeHash: string | undefined;

/**
 * A hash of the tool's own code: every compiled module (or source module when run from sources),
 * tests and fixtures left out. About 2 MB, hashed once per run in a few milliseconds.
 */
export function codeFingerprint(): string {
  if (codeHash !== undefined) return codeHash;
  // Bundled (dist/bundle/, what the CLI runs), the bundle is all the code there is; else the compiled tree.
  const here = dirname(fileURLToPath(import.meta.url));
  const top = basename(here) === 'bundle' ? here : join(here, '..');
  const hash = createHash('sha256');
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures' && entry.name !== '__fixtures__') visit(path);
      } else if ((/\.(c?js|ts)$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) || entry.name === 'signal.yaml') {
        hash.update(`${path.slice(top.length)}\0`);
        hash.update(readFileSync(path));
      }
    }
  };
  visit(top);
  // The built-in signal files are code too: built, they are one JSON file outside the bundle.
  try {
    hash.update(readFileSync(BUILTIN_SIGNALS_DATA));
  } catch {
    // Run from the sources: the signal.yaml files were hashed above.
  }
  codeHash = hash.digest('hex');
  return codeHash;
}

/** Everything besides a repository's files that its scan result depends on. */
export function toolFingerprint(input: { toolVersion: string; modelPath: string; limits: Limits; settings?: DetectorSettings }): string {
  let model = '';
  try {
    model = readFileSync(input.modelPath, 'utf8');
  } catch {
    // No model file: the scan fails elsewhere; the key only has to differ.
  }
  const limits = Object.entries(input.limits).sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, input.toolVersion, model, limits, codeFingerprint(), ...(input.settings && Object.keys(input.settings).length > 0 ? [input.settings] : [])]))
    .digest('hex');
}

export class ScanCache {
  constructor(readonly settings: ScanCacheSettings) {}

  /** The stored result for this repository folder and content, or undefined (a miss). */
  get(root: string, contentKey: string): CachedScan | undefined {
    let raw: string;
    try {
      raw = readFileSync(this.fileOf(root), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(raw) as { key?: unknown; value?: unknown };
      if (entry.key !== this.keyOf(root, contentKey)) return undefined;
      return isCachedScan(entry.value) ? entry.value : undefined;
    } catch {
      return undefined; // a truncated or foreign file: scan again and overwrite it
    }
  }

  /** Stores a result; a cache that cannot be written (read-only, full disk) is silently skipped. */
  set(root: string, contentKey: string, value: CachedScan): void {
    this.write(this.fileOf(root), { key: this.keyOf(root, contentKey), root, value });
  }

  /**
   * A second kind of entry, one per repository folder as well: what its git history said
   * (src/history/read-history.ts decides what the key covers and checks the value's shape).
   */
  getHistory(root: string, key: string): unknown {
    return this.getOther(root, 'history', key);
  }

  setHistory(root: string, key: string, value: unknown): void {
    this.write(this.fileOf(root, 'history'), { key: this.keyOf(root, key), root, value });
  }

  /**
   * A third: the repository's listing with the identities that vouch for it
   * (src/sources/repository/list-files.ts checks them and the value's shape).
   */
  getListing(root: string): unknown {
    return this.getOther(root, 'listing', 'listing');
  }

  setListing(root: string, value: unknown): void {
    this.write(this.fileOf(root, 'listing'), { key: this.keyOf(root, 'listing'), root, value });
  }

  private getOther(root: string, kind: string, key: string): unknown {
    try {
      const entry = JSON.parse(readFileSync(this.fileOf(root, kind), 'utf8')) as { key?: unknown; value?: unknown };
      return entry.key === this.keyOf(root, key) ? entry.value : undefined;
    } catch {
      return undefined; // missing, truncated or foreign: ask git again and overwrite it
    }
  }

  private write(file: string, entry: unknown): void {
    const temporary = `${file}.${process.pid}.${threadId}.tmp`;
    try {
      mkdirSync(this.settings.dir, { recursive: true });
      writeFileSync(temporary, JSON.stringify(entry));
      // A rename is atomic: a concurrent reader sees the old entry or the new one, never half of one.
      renameSync(temporary, file);
    } catch {
      rmSync(temporary, { force: true });
    }
  }

  private fileOf(root: string, kind = ''): string {
    return join(this.settings.dir, `${createHash('sha256').update(root).digest('hex').slice(0, 32)}${kind ? `.${kind}` : ''}.json`);
  }

  private keyOf(root: string, contentKey: string): string {
    return createHash('sha256').update(`${this.settings.fingerprint}\0${root}\0${contentKey}`).digest('hex');
  }
}

function isCachedScan(value: unknown): value is CachedScan {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.kind === 'service' || v.kind === 'platform' || v.kind === 'library' || v.kind === 'tooling') &&
    typeof v.kindReason === 'string' &&
    Array.isArray(v.detections) &&
    v.detections.every((d) => typeof d === 'object' && d !== null && typeof (d as { id?: unknown }).id === 'string' && Array.isArray((d as { evidence?: unknown }).evidence)) &&
    Array.isArray(v.warnings) &&
    v.warnings.every((w) => typeof w === 'object' && w !== null && typeof (w as { file?: unknown }).file === 'string' && typeof (w as { message?: unknown }).message === 'string') &&
    typeof v.files === 'number'
  );
}
