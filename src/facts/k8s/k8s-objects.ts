import type { Repository } from '../../workspace/repository.js';
import { lineOf, parseYaml } from '../../parse/yaml.js';
import { blankJinja, JINJA_YAML_FILE } from '../../parse/jinja-template.js';
import { YAML_FILE, isSamplePath } from '../files/paths.js';
import { terraformHeredocManifests, terraformTemplateFileManifests } from './terraform-manifests.js';
import { memoKey } from '../../workspace/memo-key.js';

const K8S_OBJECTS = memoKey<K8sObject[]>('k8sObjects');
const OBJECT_TYPES = memoKey<ObjectType[]>('objectTypes');
const WORKLOADS = memoKey<Workload[]>('workloads');

/** A Kubernetes object found in a YAML file (plain manifest, kustomize base or chart template). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** API group, "" for the core group. */
  group: string;
  file: string;
  line: number;
  /** The whole document as data. */
  doc: Record<string, unknown>;
  /** From a Go template (chart template): values may hold TEMPLATE_PLACEHOLDER. */
  templated: boolean;
}

/** Files that are YAML but never hold Kubernetes objects of the team's own. */
const NOT_MANIFESTS = /(^|\/)(\.github|\.circleci|\.gitlab)\/|(^|\/)(docker-)?compose[^/]*\.ya?ml$|(^|\/)(values[^/]*|Chart|requirements|\.pre-commit-config|mkdocs|codecov|\.golangci)\.ya?ml$/i;

/**
 * Dotfiles (.kube-linter.yaml, .fluxschema.yml…) configure a tool that reads them; nobody applies
 * them to a cluster, even when they borrow apiVersion/kind.
 */
const DOTFILE = /(^|\/)\.[^/]+$/;

export function k8sObjects(repo: Repository): K8sObject[] {
  return repo.memo(K8S_OBJECTS, () => {
    const objects: K8sObject[] = [];
    for (const file of repo.filesMatching(YAML_FILE)) {
      if (NOT_MANIFESTS.test(file.path) || DOTFILE.test(file.path)) continue;
      // Cheap pre-filter: no `kind:` at all means nothing to parse for this fact.
      const text = repo.text(file.path);
      if (text === undefined || !text.includes('kind:') || !text.includes('apiVersion')) continue;
      for (const document of repo.yaml(file.path)) {
        const doc = document.value;
        if (!isRecord(doc)) continue;
        const { apiVersion, kind } = doc;
        if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '' || apiVersion === '') continue;
        pushWithItems(objects, doc, file.path, document.line, document.templated, (item) => lineOf(item, undefined, document.line));
      }
    }
    for (const { file, doc, line } of jinjaManifests(repo)) pushWithItems(objects, doc, file, line, true, (item) => lineOf(item, undefined, line));
    for (const { file, doc, lineOfKind } of jsonManifests(repo)) pushWithItems(objects, doc, file, lineOfKind(doc), false, lineOfKind);
    // Manifests applied by Terraform (kubectl_manifest / kubernetes_manifest heredocs).
    for (const { file, document } of terraformHeredocManifests(repo)) {
      if (isRecord(document.value)) pushObject(objects, document.value, file, document.line, document.templated);
    }
    // …and kept as template files a module renders with templatefile() (k3s HelmChart objects).
    for (const { file, document } of terraformTemplateFileManifests(repo)) {
      if (isRecord(document.value)) pushObject(objects, document.value, file, document.line, document.templated);
    }
    return objects;
  });
}

/**
 * An object, or the objects it carries: a `v1 List` holds its objects in `items`, an OpenShift
 * `Template` in `objects` (with `${PARAMETER}` references left in the values). Both are applied as
 * their items, so the items are what counts (workloads, probes, images); the wrapper is kept too.
 */
function pushWithItems(
  objects: K8sObject[],
  doc: Record<string, unknown>,
  file: string,
  line: number,
  templated: boolean,
  itemLine: (item: Record<string, unknown>) => number,
): void {
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '' || apiVersion === '') return;
  if (kind === 'List' && Array.isArray(doc.items)) {
    for (const item of doc.items) if (isRecord(item)) pushObject(objects, item, file, itemLine(item), templated);
    return;
  }
  pushObject(objects, doc, file, line, templated);
  if (kind === 'Template' && /^(template\.openshift\.io\/|v1$)/.test(apiVersion) && Array.isArray(doc.objects)) {
    for (const item of doc.objects) if (isRecord(item)) pushObject(objects, item, file, itemLine(item), templated);
  }
}

/**
 * Manifests kept as Jinja templates (Ansible role templates such as `roles/web/templates/deployment.yaml.j2`): read with statements and
 * expressions blanked, lines kept, like chart templates. Parsed here, once per scan (k8sObjects is
 * memoised), because they are not YAML until blanked.
 */
function jinjaManifests(repo: Repository): { file: string; doc: Record<string, unknown>; line: number }[] {
  const out: { file: string; doc: Record<string, unknown>; line: number }[] = [];
  for (const file of repo.filesMatching(JINJA_YAML_FILE)) {
    if (DOTFILE.test(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || !text.includes('kind:') || !text.includes('apiVersion')) continue;
    const { documents } = parseYaml(blankJinja(text), { maxDocuments: repo.limits.maxDocumentsPerFile, maxNodes: repo.limits.maxNodesPerDocument });
    for (const document of documents) if (isRecord(document.value)) out.push({ file: file.path, doc: document.value, line: document.line });
  }
  return out;
}

/** JSON files that can hold Kubernetes objects: not package manifests, lock files or editor settings. */
const JSON_MANIFEST = /\.json$/i;
const NOT_JSON_MANIFEST = /(^|\/)(package(-lock)?|composer|tsconfig[^/]*|jsconfig|renovate|\.?eslintrc|[^/]*\.schema|deno|bower|lerna|nx|project|angular|app|manifest)\.json$|(^|\/)(node_modules|\.vscode|\.devcontainer)\//i;

/**
 * Kubernetes objects written as JSON (OpenShift templates, `kubectl get -o json` lists). JSON has no
 * positions here, so each object's line is that of its `"kind": "<Kind>"` key, found in file order.
 */
function jsonManifests(repo: Repository): { file: string; doc: Record<string, unknown>; lineOfKind: (o: Record<string, unknown>) => number }[] {
  const out: { file: string; doc: Record<string, unknown>; lineOfKind: (o: Record<string, unknown>) => number }[] = [];
  for (const file of repo.filesMatching(JSON_MANIFEST)) {
    if (NOT_JSON_MANIFEST.test(file.path) || DOTFILE.test(file.path) || isSamplePath(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || !text.includes('"apiVersion"') || !/"kind"\s*:/.test(text)) continue;
    const doc = repo.json(file.path);
    if (!isRecord(doc) || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') continue;
    let from = 0;
    const lineOfKind = (o: Record<string, unknown>): number => {
      const kind = typeof o.kind === 'string' ? o.kind : '';
      const match = new RegExp(`"kind"\\s*:\\s*"${kind.replace(/[^A-Za-z0-9]/g, '')}"`, 'g');
      match.lastIndex = from;
      const hit = match.exec(text);
      if (!hit) return 1;
      from = hit.index + hit[0].length;
      return lineAt(text, hit.index);
    };
    out.push({ file: file.path, doc, lineOfKind });
  }
  return out;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function pushObject(objects: K8sObject[], doc: Record<string, unknown>, file: string, line: number, templated: boolean): void {
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return;
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const slash = apiVersion.indexOf('/');
  objects.push({
    apiVersion,
    kind,
    name: typeof metadata.name === 'string' ? metadata.name : '',
    ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    file,
    line,
    doc,
    templated,
  });
}

/**
 * The objects whose API group and kind pass `matches`, in k8sObjects order. Each group and kind
 * pair is judged once: detectors look for a few kinds among the thousands of objects of a large
 * repository, and testing every object in every detector was a good part of their time.
 */
export function objectsWhere(repo: Repository, matches: (group: string, kind: string) => boolean): K8sObject[] {
  const objects = k8sObjects(repo);
  const matching = objectTypes(repo).filter((type) => matches(type.group, type.kind));
  if (matching.length === 1) return matching[0]!.positions.map((position) => objects[position]!);
  // Back in file order when several kinds matched.
  const positions = matching.flatMap((type) => type.positions).sort((a, b) => a - b);
  return positions.map((position) => objects[position]!);
}

/** The objects of one API group ('' for the core group) and kind, in k8sObjects order. */
export function objectsOfKind(repo: Repository, group: string, kind: string): K8sObject[] {
  return objectsWhere(repo, (g, k) => g === group && k === kind);
}

interface ObjectType {
  group: string;
  kind: string;
  /** Where its objects are in k8sObjects(repo). */
  positions: number[];
}

function objectTypes(repo: Repository): ObjectType[] {
  return repo.memo(OBJECT_TYPES, () => {
    const types: ObjectType[] = [];
    const byGroup = new Map<string, Map<string, ObjectType>>();
    k8sObjects(repo).forEach((object, position) => {
      let byKind = byGroup.get(object.group);
      if (byKind === undefined) byGroup.set(object.group, (byKind = new Map()));
      let type = byKind.get(object.kind);
      if (type === undefined) {
        type = { group: object.group, kind: object.kind, positions: [] };
        byKind.set(object.kind, type);
        types.push(type);
      }
      type.positions.push(position);
    });
    return types;
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod', 'Job', 'CronJob', 'DeploymentConfig', 'Rollout']);
const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod', 'DeploymentConfig', 'Rollout']);

export interface Container {
  name: string;
  image?: string;
  /** True for init and ephemeral containers, which run to completion. */
  init: boolean;
  raw: Record<string, unknown>;
  line: number;
}

export interface Workload {
  object: K8sObject;
  /** Deployments, StatefulSets, DaemonSets… but not Jobs and CronJobs. */
  longRunning: boolean;
  containers: Container[];
}

/** The pod spec of a workload object, wherever its kind keeps it. */
export function podSpecOf(object: Pick<K8sObject, 'kind' | 'doc'>): Record<string, unknown> | undefined {
  const spec = object.doc.spec;
  if (!isRecord(spec)) return undefined;
  if (object.kind === 'Pod') return spec;
  if (object.kind === 'CronJob') {
    const job = spec.jobTemplate;
    const template = isRecord(job) && isRecord(job.spec) ? job.spec.template : undefined;
    return isRecord(template) && isRecord(template.spec) ? template.spec : undefined;
  }
  const template = spec.template;
  return isRecord(template) && isRecord(template.spec) ? template.spec : undefined;
}

/**
 * Workloads the team deploys: not the ones in sample, example, test or e2e folders (isSamplePath),
 * and not Helm test hooks (`helm.sh/hook: test`), which only run on `helm test`.
 */
export function workloads(repo: Repository): Workload[] {
  return repo.memo(WORKLOADS, () => {
    const out: Workload[] = [];
    for (const object of k8sObjects(repo)) {
      if (!WORKLOAD_KINDS.has(object.kind) || isSamplePath(object.file) || isHelmTestHook(object)) continue;
      const podSpec = podSpecOf(object);
      if (!podSpec) continue;
      out.push({ object, longRunning: LONG_RUNNING_KINDS.has(object.kind), containers: containersOf(podSpec, object.line) });
    }
    return out;
  });
}

/** `helm.sh/hook: test` (or the Helm 2 `test-success`/`test-failure`), possibly among other hooks. */
export function isHelmTestHook(object: Pick<K8sObject, 'doc'>): boolean {
  const metadata = object.doc.metadata;
  const annotations = isRecord(metadata) ? metadata.annotations : undefined;
  const hook = isRecord(annotations) ? annotations['helm.sh/hook'] : undefined;
  return typeof hook === 'string' && hook.split(',').some((h) => /^\s*test(-success|-failure)?\s*$/.test(h));
}

export function containersOf(podSpec: Record<string, unknown>, fallbackLine: number): Container[] {
  const containers: Container[] = [];
  for (const [key, init] of [['containers', false], ['initContainers', true], ['ephemeralContainers', true]] as const) {
    const list = podSpec[key];
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      if (!isRecord(raw)) return;
      containers.push({
        name: typeof raw.name === 'string' ? raw.name : `#${index + 1}`,
        ...(typeof raw.image === 'string' ? { image: raw.image } : {}),
        init,
        raw,
        line: lineOf(raw, undefined, lineOf(list, index, fallbackLine)),
      });
    });
  }
  return containers;
}
