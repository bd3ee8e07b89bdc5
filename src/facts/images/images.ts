import type { Repository } from '../../workspace/repository.js';
import { lineOf } from '../../parse/yaml.js';
import { isTemplated } from '../../parse/helm-template.js';
import { isRecord, workloads } from '../k8s/k8s-objects.js';
import { CHART_YAML, COMPOSE_FILE, yamlFilesMatching } from '../files/paths.js';
import { operatorAddons } from '../k8s/operator-addons.js';
import { releaseValues } from '../k8s/release-values.js';

/** A container image a repository deploys (not a Dockerfile base: see the Dockerfile facts). */
export interface ImageRef {
  /** As written, e.g. "ghcr.io/acme/api:1.2.3"; for values files, registry/repository:tag joined. */
  image: string;
  file: string;
  line: number;
  context: 'manifest' | 'template' | 'values' | 'compose' | 'operator';
  /** For an add-on an operator deploys (context "operator"): the operator resource, "IstioOperator control-plane". */
  deployedBy?: string;
  /** The tag was left to a template or a variable: nothing can be said about it. */
  templated: boolean;
  /**
   * `image` parsed, once per repository: a few dozen detectors match image paths, and parsing
   * every image again for each of them was most of their time on large repositories.
   */
  parsed: ParsedImage;
}

export interface ParsedImage {
  /** Registry host when written ("ghcr.io"), else "". */
  registry: string;
  /** Path without registry, tag or digest: "prom/prometheus", "nginx". */
  path: string;
  /** "" when absent. */
  tag: string;
  digest: string;
}

export function parseImage(image: string): ParsedImage {
  let rest = image.trim();
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry = '';
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, path: rest.toLowerCase(), tag, digest };
}

/** Images of workload containers in manifests and chart templates, chart values and compose services. */
export function deployedImages(repo: Repository): ImageRef[] {
  return repo.memo('deployedImages', () => {
    const images: ImageRef[] = [];
    for (const workload of workloads(repo)) {
      for (const container of workload.containers) {
        if (container.image === undefined) continue;
        const line = lineOf(container.raw, 'image', container.line);
        images.push({
          image: container.image,
          file: workload.object.file,
          line,
          context: workload.object.templated ? 'template' : 'manifest',
          templated: isTemplated(container.image) || container.image.includes('$'),
          parsed: parseImage(container.image),
        });
      }
    }
    const valuesFilesRead = readValuesFiles(repo, images);
    readComposeFiles(repo, images);
    readOperatorAddons(repo, images);
    // Values passed to charts installed from elsewhere (HelmRelease, Argo CD valuesObject, kustomize helmCharts).
    for (const release of releaseValues(repo)) if (!valuesFilesRead.has(release.file)) collectValueImages(release.values, release.file, images, 0);
    return images;
  });
}

/** The image each operator add-on runs: the repository never writes it, the operator picks the tag. */
const ADDON_IMAGES: Record<string, string> = {
  prometheus: 'prom/prometheus',
  grafana: 'grafana/grafana',
  jaeger: 'jaegertracing/all-in-one',
  zipkin: 'openzipkin/zipkin',
  kiali: 'quay.io/kiali/kiali',
};

/** Add-ons switched on in an operator resource (IstioOperator, ServiceMeshControlPlane) run their images. */
function readOperatorAddons(repo: Repository, images: ImageRef[]): void {
  for (const addon of operatorAddons(repo)) {
    const image = ADDON_IMAGES[addon.addon];
    // The tag is the operator's choice: "templated", so nothing is said about it.
    if (image) images.push({ image, file: addon.file, line: addon.line, context: 'operator', templated: true, deployedBy: addon.operator, parsed: parseImage(image) });
  }
}

const VALUES_FILE = /(^|\/)values[^/]*\.ya?ml$/i;

/** Values files next to a Chart.yaml: `image: x:y` strings and `image: {registry, repository, tag}` maps. */
function readValuesFiles(repo: Repository, images: ImageRef[]): Set<string> {
  const read = new Set<string>();
  const chartDirs = new Set(yamlFilesMatching(repo, CHART_YAML).map((f) => f.path.replace(/(^|\/)Chart\.ya?ml$/, '')));
  for (const file of yamlFilesMatching(repo, VALUES_FILE)) {
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    // values files of a chart, or of a helmfile/Argo app that passes values to one
    if (!chartDirs.has(dir) && !chartDirs.has(dir.replace(/\/[^/]+$/, '')) && !/(^|\/)(helm|charts?|values)(\/|$)/i.test(file.path)) continue;
    read.add(file.path);
    for (const document of repo.yaml(file.path)) collectValueImages(document.value, file.path, images, 0);
  }
  return read;
}

function collectValueImages(node: unknown, file: string, images: ImageRef[], depth: number): void {
  if (depth > 30 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectValueImages(item, file, images, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (/^image$/i.test(key) || /Image$/.test(key)) {
      if (typeof value === 'string' && /^[\w.-]+(:\d+)?(\/[\w.-]+)*(:[\w.-]+)?(@sha256:[0-9a-f]+)?$/i.test(value) && /[/:]/.test(value)) {
        images.push({ image: value, file, line: lineOf(record, key), context: 'values', templated: false, parsed: parseImage(value) });
        continue;
      }
      if (isRecord(value) && typeof value.repository === 'string' && value.repository !== '') {
        const registry = typeof value.registry === 'string' && value.registry !== '' ? `${value.registry}/` : '';
        const tag = typeof value.tag === 'string' || typeof value.tag === 'number' ? String(value.tag) : '';
        const digest = typeof value.digest === 'string' && value.digest !== '' ? `@${value.digest}` : '';
        const image = `${registry}${value.repository}${tag ? `:${tag}` : ''}${digest}`;
        images.push({
          image,
          file,
          line: lineOf(value, 'repository', lineOf(record, key)),
          context: 'values',
          // An empty tag in values usually means "the chart's appVersion": not a missing tag.
          templated: tag === '' && digest === '',
          parsed: parseImage(image),
        });
        continue;
      }
    }
    collectValueImages(value, file, images, depth + 1);
  }
}

function readComposeFiles(repo: Repository, images: ImageRef[]): void {
  for (const file of yamlFilesMatching(repo, COMPOSE_FILE)) {
    for (const document of repo.yaml(file.path)) {
      const services = isRecord(document.value) ? document.value.services : undefined;
      if (!isRecord(services)) continue;
      for (const service of Object.values(services)) {
        if (!isRecord(service) || typeof service.image !== 'string') continue;
        images.push({ image: service.image, file: file.path, line: lineOf(service, 'image'), context: 'compose', templated: service.image.includes('$'), parsed: parseImage(service.image) });
      }
    }
  }
}
