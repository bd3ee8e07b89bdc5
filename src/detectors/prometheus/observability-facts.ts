/**
 * Helpers shared by the monitoring, logging and tracing detectors (prometheus, grafana,
 * alertmanager, elasticsearch, fluentd, fluent-bit, kibana, loki, jaeger, opentelemetry, zipkin).
 *
 * They live here, not in src/facts, because those files are shared by every team; each one is a
 * candidate for a shared fact (see the report that introduced them):
 *   - `isOwnUse`: evidence under docs/, examples/, tests/… describes someone else's setup;
 *   - `keepOwnUse`: drops Go `// indirect` requirements and npm peer dependencies, which say what a
 *     library's users bring, not what the repository itself runs;
 *   - `findConfigs`: a tool's config file, on disk or as a key of a ConfigMap, with real content;
 *   - `finalStageBases`: the image a Dockerfile ships (a custom Grafana or Fluentd image).
 */
import type { FileEvidence } from '../../core/types.js';
import { findComponent, type ComponentSpec } from '../../facts/component.js';
import { isRecord, k8sObjects } from '../../facts/k8s-objects.js';
import { parseImage } from '../../facts/images.js';
import { COMPOSE_FILE, DOCKERFILE, isDocumentation } from '../../facts/paths.js';
import { lineOf } from '../../parse/yaml.js';
import { lineAtOffset, type Repository } from '../../scan/repository.js';

/** Folders that hold documentation, samples or test data: what they show is not the team's own use. */
const NOT_OWN_USE = /(^|\/)(docs?|documentation|examples?|samples?|demos?|testdata|tests?|__tests__|e2e|fixtures|__fixtures__|mocks?)\//i;

export function isOwnUse(path: string): boolean {
  return !NOT_OWN_USE.test(path) && !isDocumentation(path);
}

/**
 * Evidence minus what does not show the repository's own use: files in docs/examples/tests, Go
 * requirements marked `// indirect` (client_golang and otel arrive that way through
 * controller-runtime or grpc) and npm packages a library lists as peer dependencies.
 */
export function keepOwnUse(repo: Repository, evidence: FileEvidence[]): FileEvidence[] {
  return evidence.filter((item) => {
    if (!isOwnUse(item.file)) return false;
    if (!item.detail?.startsWith('dependency ')) return true;
    const name = item.detail.slice('dependency '.length);
    if (/(^|\/)go\.mod$/.test(item.file)) {
      const line = repo.text(item.file)?.split('\n')[item.line - 1] ?? '';
      return !/\/\/\s*indirect\b/.test(line);
    }
    if (/(^|\/)package\.json$/.test(item.file)) {
      const manifest = repo.json(item.file);
      return !(isRecord(manifest) && isRecord(manifest.peerDependencies) && name in manifest.peerDependencies);
    }
    return true;
  });
}

/** A tool's own configuration, recognised by file name (or ConfigMap key) and by content. */
export interface ConfigSpec {
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
export function findConfigs(repo: Repository, specs: ConfigSpec[]): FileEvidence[] {
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
function matchSpec(text: string, spec: ConfigSpec): number {
  if (spec.absent?.some((re) => re.test(text))) return -1;
  let first = -1;
  for (const [i, pattern] of spec.content.entries()) {
    const match = pattern.exec(text);
    if (!match) return -1;
    if (i === 0) first = match.index;
  }
  return first;
}

/** The last stage of each Dockerfile (the image that ships) when it is built on one of `images`. */
export function finalStageBases(repo: Repository, images: RegExp[]): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(DOCKERFILE)) {
    if (!isOwnUse(file.path)) continue;
    const last = repo.dockerfile(file.path)?.stages.at(-1);
    if (!last || last.internal || last.image === '') continue;
    const { path } = parseImage(last.image);
    if (images.some((re) => re.test(path))) evidence.push({ file: file.path, line: last.line, detail: `image built FROM ${last.image}` });
  }
  return evidence;
}

/**
 * Compose services whose image is a variable (`image: ${PROMETHEUS_IMAGE}`), resolved from the
 * `.env` file beside the compose file (which Compose reads by default) or the `${VAR:-default}`
 * default. The shared images fact keeps these as unresolved, so a whole observability stack
 * pinned in `.env` would otherwise go unseen.
 */
export function composeImagesFromEnv(repo: Repository, images: RegExp[]): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(COMPOSE_FILE)) {
    if (!isOwnUse(file.path)) continue;
    let env: Map<string, string> | undefined;
    for (const document of repo.yaml(file.path)) {
      const services = isRecord(document.value) ? document.value.services : undefined;
      if (!isRecord(services)) continue;
      for (const service of Object.values(services)) {
        if (!isRecord(service) || typeof service.image !== 'string' || !service.image.includes('$')) continue;
        env ??= dotEnv(repo, file.path);
        const resolved = substitute(service.image, env);
        if (resolved === undefined) continue;
        if (images.some((re) => re.test(parseImage(resolved).path))) evidence.push({ file: file.path, line: lineOf(service, 'image'), detail: `image ${resolved} (${service.image.trim()})` });
      }
    }
  }
  return evidence;
}

function dotEnv(repo: Repository, composeFile: string): Map<string, string> {
  const env = new Map<string, string>();
  const dir = composeFile.includes('/') ? composeFile.slice(0, composeFile.lastIndexOf('/') + 1) : '';
  if (!repo.has(`${dir}.env`)) return env;
  for (const line of (repo.text(`${dir}.env`) ?? '').split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) env.set(match[1]!, match[2]!.replace(/^(["'])(.*)\1$/, '$2'));
  }
  return env;
}

/** `${VAR}`, `${VAR:-default}`, `$VAR`; undefined when a variable has neither value nor default. */
function substitute(value: string, env: Map<string, string>): string | undefined {
  let unresolved = false;
  const result = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const found = env.get((braced ?? bare)!) ?? fallback;
    if (found === undefined || found.includes('$')) unresolved = true;
    return found ?? '';
  });
  return unresolved || result.trim() === '' ? undefined : result.trim();
}

/** Extra sources a detector adds to its component spec. */
export interface ToolExtras {
  configs?: ConfigSpec[];
  /** Also look at the final stage of Dockerfiles with the component's image patterns. */
  dockerBases?: boolean;
  more?: (repo: Repository) => FileEvidence[];
}

/** The component spec plus configs and Dockerfile bases, without docs/tests/indirect noise, one evidence per place. */
export function detectTool(repo: Repository, spec: ComponentSpec, extras: ToolExtras = {}): FileEvidence[] {
  const all = [
    ...findComponent(repo, spec),
    ...(extras.configs ? findConfigs(repo, extras.configs) : []),
    ...(extras.dockerBases && spec.images ? finalStageBases(repo, spec.images) : []),
    ...(spec.images ? composeImagesFromEnv(repo, spec.images) : []),
    ...(extras.more ? extras.more(repo) : []),
  ];
  const seen = new Set<string>();
  const out: FileEvidence[] = [];
  for (const item of keepOwnUse(repo, all)) {
    const polished = polish(repo, item);
    const key = `${polished.file}:${polished.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(polished);
  }
  return out;
}

const TEMPLATE_ONLY_LINE = /^\s*(\{\{[^}]*\}\}\s*)+$/;

/**
 * A chart template's object starts at its first line even when that line is only `{{- if … }}`
 * (the shared YAML reader skips blanks and comments, not template actions): point at the first
 * real line instead, and show blanked template values as `{{…}}` rather than the placeholder.
 */
function polish(repo: Repository, item: FileEvidence): FileEvidence {
  const detail = item.detail?.replaceAll('__TPL__', '{{…}}');
  let line = item.line;
  const lines = repo.text(item.file)?.split('\n');
  if (lines && /\.ya?ml$/i.test(item.file)) {
    while (line <= lines.length && TEMPLATE_ONLY_LINE.test(lines[line - 1]!) && line < item.line + 20) line++;
    if (line > lines.length) line = item.line;
  }
  return { ...item, line, ...(detail === undefined ? {} : { detail }) };
}

/**
 * kube-prometheus installed through jsonnet-bundler: the jsonnetfile.json that vendors it is how
 * the stack (Prometheus, Alertmanager, Grafana) is deployed, without any chart.
 */
export function kubePrometheusJsonnet(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(/(^|\/)jsonnetfile\.json$/)) {
    if (!isOwnUse(file.path)) continue;
    const text = repo.text(file.path);
    const match = text === undefined ? null : /github\.com\/(prometheus-operator|coreos)\/kube-prometheus\b/.exec(text);
    if (text !== undefined && match) evidence.push({ file: file.path, line: lineAtOffset(text, match.index), detail: 'jsonnet dependency on kube-prometheus' });
  }
  return evidence;
}
