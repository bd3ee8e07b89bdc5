/**
 * A tool's configuration, recognised by file name and content wherever teams keep it: as a file on
 * disk or as a key of a ConfigMap/Secret (Prometheus, Fluentd, Loki configs are often mounted that
 * way). Shared by the observability detectors so each one only lists names and patterns.
 */
import type { FileEvidence } from '../core/types.js';
import { isRecord, k8sObjects } from './k8s-objects.js';
import { isOwnUse } from './own-use.js';
import { lineOf } from '../parse/yaml.js';
import { lineAtOffset, type Repository } from '../scan/repository.js';

/** A tool's own configuration, recognised by file name (or ConfigMap key) and by content. */
export interface ConfigFileSpec {
  /** The file's base name on disk, or the key under a ConfigMap's `data`/`stringData`. */
  name: RegExp;
  /** Only for files on disk: the whole path must also match (e.g. a `fluentd/` folder). */
  path?: RegExp;
  /** Every pattern must match; the evidence points at the first pattern's match. */
  content: RegExp[];
  /** None of these may match (a Jaeger v2 config is a collector config, but Jaeger's). */
  absent?: RegExp[];
  /** What the evidence says: "Prometheus configuration with scrape_configs". */
  detail: string;
}

/** Config files on disk and config entries of ConfigMaps/Secrets (stringData only: never decoded). */
export function findConfigs(repo: Repository, specs: ConfigFileSpec[]): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.files) {
    const base = file.path.slice(file.path.lastIndexOf('/') + 1);
    const candidates = specs.filter((spec) => spec.name.test(base) && (!spec.path || spec.path.test(file.path)));
    if (candidates.length === 0 || !isOwnUse(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined) continue;
    // One evidence per file: the first spec that recognises it.
    for (const spec of candidates) {
      const index = matchSpec(text, spec);
      if (index < 0) continue;
      evidence.push({ file: file.path, line: lineAtOffset(text, index), detail: spec.detail });
      break;
    }
  }
  for (const object of k8sObjects(repo)) {
    if ((object.kind !== 'ConfigMap' && object.kind !== 'Secret') || object.group !== '' || !isOwnUse(object.file)) continue;
    for (const section of object.kind === 'ConfigMap' ? ['data', 'stringData'] : ['stringData']) {
      const data = object.doc[section];
      if (!isRecord(data)) continue;
      for (const [key, value] of Object.entries(data)) {
        if (typeof value !== 'string') continue;
        const spec = specs.find((s) => s.name.test(key) && matchSpec(value, s) >= 0);
        if (!spec) continue;
        const keyLine = lineOf(data, key, object.line);
        // A block scalar starts on the line after its key; point at the matching line inside it.
        const inside = value.includes('\n') ? lineAtOffset(value, matchSpec(value, spec)) : 0;
        evidence.push({ file: object.file, line: keyLine + inside, detail: `${spec.detail} (${object.kind} ${object.name}, key ${key})` });
      }
    }
  }
  return evidence;
}

/** Index of the first content pattern's match when every one matches and no `absent` does, else -1. */
function matchSpec(text: string, spec: ConfigFileSpec): number {
  if (spec.absent?.some((re) => re.test(text))) return -1;
  let first = -1;
  for (const [i, pattern] of spec.content.entries()) {
    const match = pattern.exec(text);
    if (!match) return -1;
    if (i === 0) first = match.index;
  }
  return first;
}
