/**
 * A tool's configuration, recognised by file name and content wherever teams keep it: as a file on
 * disk or as a key of a ConfigMap/Secret (Prometheus, Fluentd, Loki configs are often mounted that
 * way). Shared by the observability detectors so each one only lists names and patterns.
 */
import type { FileEvidence } from '../../core/types.js';
import { isRecord, objectsWhere } from '../k8s/k8s-objects.js';
import { isOwnUse, fileNames } from '../files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import { lineAtOffset, type Repository } from '../../workspace/repository.js';
import { memoKey } from '../../workspace/memo-key.js';

const FILES_NAMED = memoKey<number[]>('files-named');

/** A tool's own configuration, recognised by file name (or ConfigMap key) and by content. */
export interface ConfigFileSpec {
  /** The file's base name on disk, or the key under a ConfigMap's `data`/`stringData`. */
  name: RegExp;
  /** Only for files on disk: the whole path must also match (e.g. a `fluentd/` folder). */
  path?: RegExp;
  /** Every pattern must match; the evidence points at the first pattern's match. */
  content: RegExp[];
  /**
   * A word every such file contains, searched before the patterns (a plain search is several times
   * faster than a multiline pattern): for specs that look at every YAML file of a repository.
   */
  contains?: string;
  /** None of these may match (a Jaeger v2 config is a collector config, but Jaeger's). */
  absent?: RegExp[];
  /** What the evidence says: "Prometheus configuration with scrape_configs"; `{match}` is the text the first pattern matched. */
  detail: string;
}

/** Config files on disk and config entries of ConfigMaps/Secrets (stringData only: never decoded). */
export function findConfigs(repo: Repository, specs: ConfigFileSpec[], ownUse: (path: string) => boolean = isOwnUse): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const [position, candidates] of candidatesByFile(repo, specs)) {
    const file = repo.files[position]!;
    if (!ownUse(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined) continue;
    // One evidence per file: the first spec that recognises it.
    for (const spec of candidates) {
      const match = matchSpec(text, spec);
      if (match === undefined) continue;
      evidence.push({ file: file.path, line: lineAtOffset(text, match.index), detail: detailOf(spec, match) });
      break;
    }
  }
  for (const object of objectsWhere(repo, (group, kind) => group === '' && (kind === 'ConfigMap' || kind === 'Secret'))) {
    if (!ownUse(object.file)) continue;
    for (const section of object.kind === 'ConfigMap' ? ['data', 'stringData'] : ['stringData']) {
      const data = object.doc[section];
      if (!isRecord(data)) continue;
      for (const [key, value] of Object.entries(data)) {
        if (typeof value !== 'string') continue;
        const spec = specs.find((s) => s.name.test(key) && matchSpec(value, s) !== undefined);
        if (!spec) continue;
        const match = matchSpec(value, spec)!;
        const keyLine = lineOf(data, key, object.line);
        // A block scalar starts on the line after its key; point at the matching line inside it.
        const inside = value.includes('\n') ? lineAtOffset(value, match.index) : 0;
        evidence.push({ file: object.file, line: keyLine + inside, detail: `${detailOf(spec, match)} (${object.kind} ${object.name}, key ${key})` });
      }
    }
  }
  return evidence;
}

/**
 * The specs that may recognise each file (by name, and path when given), by the file's position
 * in repo.files and in that order, each file's specs in `specs` order.
 */
function candidatesByFile(repo: Repository, specs: ConfigFileSpec[]): [number, ConfigFileSpec[]][] {
  const byPosition = new Map<number, ConfigFileSpec[]>();
  for (const spec of specs) {
    for (const position of filesNamed(repo, spec.name)) {
      if (spec.path && !spec.path.test(repo.files[position]!.path)) continue;
      let candidates = byPosition.get(position);
      if (candidates === undefined) byPosition.set(position, (candidates = []));
      candidates.push(spec);
    }
  }
  return [...byPosition].sort((a, b) => a[0] - b[0]);
}

/**
 * Positions in repo.files of the files whose name (without folder) matches, found once per
 * pattern and repository: ten detectors ask, several with the same pattern (`\.ya?ml$`), and a
 * pass over every file name of a large repository for each spec was most of their time.
 */
function filesNamed(repo: Repository, name: RegExp): number[] {
  return repo.memo(FILES_NAMED, () => {
    const positions: number[] = [];
    fileNames(repo).forEach((fileName, position) => {
      if (name.test(fileName)) positions.push(position);
    });
    return positions;
  }, `${name.source}:${name.flags}`);
}

/**
 * The first content pattern's match when every one matches and no `absent` does. `absent` is
 * tested last: most files fail the first content pattern already.
 */
function matchSpec(text: string, spec: ConfigFileSpec): RegExpExecArray | undefined {
  if (spec.contains !== undefined && !text.includes(spec.contains)) return undefined;
  let first: RegExpExecArray | undefined;
  for (let i = 0; i < spec.content.length; i++) {
    const match = spec.content[i]!.exec(text);
    if (!match) return undefined;
    if (i === 0) first = match;
  }
  if (spec.absent?.some((re) => re.test(text))) return undefined;
  return first;
}

/** The spec's detail, `{match}` replaced by the text the first pattern matched ("apiVersion: kind.x-k8s.io/v1alpha4"). */
function detailOf(spec: ConfigFileSpec, match: RegExpExecArray): string {
  return spec.detail.includes('{match}') ? spec.detail.replace('{match}', match[0].trim()) : spec.detail;
}
