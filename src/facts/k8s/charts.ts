import type { Repository } from '../../workspace/repository.js';
import { lineOf } from '../../parse/yaml.js';
import { isRecord, objectsOfKind, objectsWhere, type K8sObject } from './k8s-objects.js';
import { commandsMatching } from '../ci/ci.js';
import { resolveTerraformValue, terraformBlocks } from '../iac/terraform.js';
import type { HclAttribute, HclValue } from '../../parse/hcl.js';
import { CHART_YAML, YAML_FILE, yamlFilesMatching } from '../files/paths.js';
import { ansibleHelmCharts, cloudFormationHelmCharts, manifestUrlInstalls } from './indirect-charts.js';
import type { ChartRef } from './chart-ref.js';
import { programHelmCharts } from './program-charts.js';
import { commandReleaseValues, helmfileReleaseValues, manifestReleaseValues, terraformReleaseValues } from './chart-values.js';
import { normalisePath, valuesFile, type ValuesTree } from './chart-values.js';
import { memoKey } from '../../workspace/memo-key.js';

const CHART_REFS = memoKey<ChartRef[]>('chartRefs');

export type { ChartRef } from './chart-ref.js';

/** "prometheus-community/kube-prometheus-stack", "oci://ghcr.io/x/charts/loki:5.0", "loki-stack-2.9.tgz" → the chart name. */
export function chartName(reference: string): string {
  let name = reference.trim().replace(/\/+$/, '');
  name = name.slice(name.lastIndexOf('/') + 1);
  name = name.replace(/\.tgz$/i, '').replace(/[:@].*$/, '');
  name = name.replace(/-v?\d+\.\d+\.\d+.*$/, '');
  return name.toLowerCase();
}

export function chartRefs(repo: Repository): ChartRef[] {
  return repo.memo(CHART_REFS, () => {
    const refs: ChartRef[] = [];
    readChartFiles(repo, refs);
    readObjects(repo, refs);
    readHelmfiles(repo, refs);
    readTerraform(repo, refs);
    readCommands(repo, refs);
    refs.push(...ansibleHelmCharts(repo, chartName), ...cloudFormationHelmCharts(repo, chartName), ...programHelmCharts(repo, chartName));
    refs.push(...manifestUrlInstalls(commandsMatching(repo, /\bkubectl\s/)));
    return refs.filter((r) => r.chart !== '' && !r.chart.includes('__tpl__'));
  });
}

function readChartFiles(repo: Repository, refs: ChartRef[]): void {
  for (const file of [...yamlFilesMatching(repo, CHART_YAML), ...yamlFilesMatching(repo, /(^|\/)requirements\.ya?ml$/)]) {
    const isRequirements = /requirements\.ya?ml$/.test(file.path);
    if (isRequirements && !repo.has(file.path.replace(/requirements\.ya?ml$/, 'Chart.yaml'))) continue;
    for (const document of repo.yaml(file.path)) {
      const chart = document.value;
      if (!isRecord(chart)) continue;
      if (!isRequirements && typeof chart.name === 'string') {
        refs.push({ chart: chartName(chart.name), file: file.path, line: lineOf(chart, 'name', document.line), via: 'chart' });
      }
      const dependencies = chart.dependencies;
      if (!Array.isArray(dependencies)) continue;
      dependencies.forEach((dependency, index) => {
        if (!isRecord(dependency) || typeof dependency.name !== 'string') return;
        refs.push({
          chart: chartName(dependency.name),
          file: file.path,
          line: lineOf(dependencies, index, lineOf(chart, 'dependencies')),
          via: 'chart-dependency',
          ...(typeof dependency.repository === 'string' ? { repository: dependency.repository } : {}),
        });
      });
    }
  }
}

function readObjects(repo: Repository, refs: ChartRef[]): void {
  const helmRepositories = objectsOfKind(repo, 'source.toolkit.fluxcd.io', 'HelmRepository');
  const ociRepositories = objectsOfKind(repo, 'source.toolkit.fluxcd.io', 'OCIRepository');
  for (const object of objectsWhere(repo, namesCharts)) {
    // A Kustomization has no spec: its helmCharts sit at the top (read before the spec check).
    if (object.kind === 'Kustomization') {
      if (Array.isArray(object.doc.helmCharts)) pushKustomizeCharts(repo, object.doc, object.file, refs);
      continue;
    }
    const spec = isRecord(object.doc.spec) ? object.doc.spec : undefined;
    if (!spec) continue;
    if (object.group === 'argoproj.io' && (object.kind === 'Application' || object.kind === 'ApplicationSet')) {
      const appSpec = object.kind === 'ApplicationSet' && isRecord(spec.template) && isRecord(spec.template.spec) ? spec.template.spec : spec;
      const sources = [appSpec.source, ...(Array.isArray(appSpec.sources) ? appSpec.sources : [])];
      for (const source of sources) {
        if (!isRecord(source) || typeof source.chart !== 'string') continue;
        const values = withValues(manifestReleaseValues(repo, source));
        const repository = typeof source.repoURL === 'string' ? { repository: source.repoURL } : {};
        refs.push({ chart: chartName(source.chart), file: object.file, line: lineOf(source, 'chart', object.line), via: 'argocd-application', ...repository, ...values });
      }
    } else if (object.group === 'helm.toolkit.fluxcd.io' && object.kind === 'HelmRelease') {
      const chart = isRecord(spec.chart) && isRecord(spec.chart.spec) ? spec.chart.spec : undefined;
      const values = withValues(manifestReleaseValues(repo, spec));
      if (chart && typeof chart.chart === 'string') {
        const repository = fluxSource(helmRepositories, chart.sourceRef, object.namespace);
        const line = lineOf(chart, 'chart', object.line);
        refs.push({ chart: chartName(chart.chart), file: object.file, line, via: 'flux-helmrelease', ...(repository ? { repository } : {}), ...values });
      } else if (isRecord(spec.chartRef) && typeof spec.chartRef.name === 'string') {
        const line = lineOf(spec.chartRef, 'name', object.line);
        const url = spec.chartRef.kind === 'OCIRepository' ? ociSourceUrl(ociRepositories, spec.chartRef, object.namespace) : undefined;
        const source = url ? { repository: url.slice(0, url.lastIndexOf('/')), reference: url } : undefined;
        if (url) refs.push({ chart: chartName(url), file: object.file, line, via: 'flux-helmrelease', ...source, ...values });
        else refs.push({ chart: chartName(spec.chartRef.name), file: object.file, line, via: 'flux-helmrelease', ...values });
      }
    } else if (object.group === 'helm.cattle.io' && object.kind === 'HelmChart' && typeof spec.chart === 'string') {
      refs.push({ chart: chartName(spec.chart), file: object.file, line: lineOf(spec, 'chart', object.line), via: 'helmchart-crd' });
    }
  }
  // kustomization.yaml files often omit apiVersion/kind, so they are not objects: read them directly.
  for (const file of yamlFilesMatching(repo, /(^|\/)kustomization\.ya?ml$/i)) {
    for (const document of repo.yaml(file.path)) {
      if (isRecord(document.value) && document.value.apiVersion === undefined) pushKustomizeCharts(repo, document.value, file.path, refs);
    }
  }
}

/** Kinds of objects that can name a chart (read below). */
function namesCharts(group: string, kind: string): boolean {
  return (
    (group === 'argoproj.io' && (kind === 'Application' || kind === 'ApplicationSet')) ||
    (group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease') ||
    (group === 'helm.cattle.io' && kind === 'HelmChart') ||
    kind === 'Kustomization'
  );
}

/**
 * The url of the OCIRepository a Flux HelmRelease's `chartRef` names (Flux 2.3+): the chart is the
 * url's last segment (`oci://ghcr.io/victoriametrics/helm-charts/victoria-logs-single`), not the
 * source's own name (`victoria-logs-charts`).
 */
function ociSourceUrl(ociRepositories: K8sObject[], chartRef: Record<string, unknown>, namespace: string | undefined): string | undefined {
  const wanted = typeof chartRef.namespace === 'string' ? chartRef.namespace : namespace;
  for (const object of ociRepositories) {
    if (object.name !== chartRef.name) continue;
    if (wanted !== undefined && object.namespace !== undefined && object.namespace !== wanted) continue;
    const url = isRecord(object.doc.spec) ? object.doc.spec.url : undefined;
    if (typeof url === 'string' && /^oci:\/\/.+\/[^/]+$/.test(url)) return url.replace(/\/+$/, '');
  }
  return undefined;
}

/** The url of the HelmRepository a Flux `sourceRef` names (same namespace when both say), else its name. */
function fluxSource(helmRepositories: K8sObject[], sourceRef: unknown, namespace: string | undefined): string | undefined {
  if (!isRecord(sourceRef) || typeof sourceRef.name !== 'string' || (sourceRef.kind !== undefined && sourceRef.kind !== 'HelmRepository')) return undefined;
  const wanted = typeof sourceRef.namespace === 'string' ? sourceRef.namespace : namespace;
  for (const object of helmRepositories) {
    if (object.name !== sourceRef.name) continue;
    if (wanted !== undefined && object.namespace !== undefined && object.namespace !== wanted) continue;
    const url = isRecord(object.doc.spec) ? object.doc.spec.url : undefined;
    if (typeof url === 'string' && url !== '') return url;
  }
  return sourceRef.name;
}

function pushKustomizeCharts(repo: Repository, doc: Record<string, unknown>, file: string, refs: ChartRef[]): void {
  const charts = doc.helmCharts;
  if (!Array.isArray(charts)) return;
  charts.forEach((chart, index) => {
    if (isRecord(chart) && typeof chart.name === 'string') {
      const folder = file.slice(0, file.lastIndexOf('/') + 1);
      const fromFile = typeof chart.valuesFile === 'string' ? valuesFile(repo, normalisePath(`${folder}${chart.valuesFile}`)) : undefined;
      const values = withValues([...(fromFile ? [fromFile] : []), ...(isRecord(chart.valuesInline) ? [chart.valuesInline] : [])]);
      const repository = typeof chart.repo === 'string' ? { repository: chart.repo } : {};
      refs.push({ chart: chartName(chart.name), file, line: lineOf(charts, index), via: 'kustomize', ...repository, ...values });
    }
  });
}

function readHelmfiles(repo: Repository, refs: ChartRef[]): void {
  for (const file of repo.filesMatching(/(^|\/)(helmfile[^/]*\.ya?ml(\.gotmpl)?|helmfile\.d\/[^/]+\.ya?ml(\.gotmpl)?)$/i)) {
    if (!YAML_FILE.test(file.path) && !file.path.endsWith('.gotmpl')) continue;
    const urls = new Map<string, string>();
    for (const document of repo.yaml(file.path)) {
      const repositories = isRecord(document.value) ? document.value.repositories : undefined;
      for (const entry of Array.isArray(repositories) ? repositories : []) {
        if (isRecord(entry) && typeof entry.name === 'string' && typeof entry.url === 'string') urls.set(entry.name, entry.url);
      }
    }
    for (const document of repo.yaml(file.path)) {
      const releases = isRecord(document.value) ? document.value.releases : undefined;
      if (!Array.isArray(releases)) continue;
      releases.forEach((release, index) => {
        if (isRecord(release) && typeof release.chart === 'string') {
          // `istio/base` names the repository alias; a local path (./charts/x) names none.
          const alias = /^([\w-]+)\/[^/]+$/.exec(release.chart)?.[1];
          const repository = alias === undefined || alias === '.' ? undefined : (urls.get(alias) ?? alias);
          const values = withValues(helmfileReleaseValues(repo, file.path, release));
          const line = lineOf(release, 'chart', lineOf(releases, index));
          refs.push({ chart: chartName(release.chart), file: file.path, line, via: 'helmfile', ...(repository ? { repository } : {}), ...values });
        }
      });
    }
  }
}

function readTerraform(repo: Repository, refs: ChartRef[]): void {
  for (const { file, block } of terraformBlocks(repo)) {
    if (block.type === 'resource' && block.labels[0] === 'helm_release') {
      const chart = block.attributes.chart;
      if (chart && typeof chart.value === 'string') {
        const repository = terraformString(repo, file, block.attributes.repository?.value);
        const values = withValues(terraformReleaseValues(repo, file, block));
        refs.push({ chart: chartName(chart.value), file, line: chart.line, via: 'helm_release', ...(repository ? { repository } : {}), ...values });
      }
    } else if (block.type === 'module' && block.attributes.helm_releases) {
      readModuleReleases(repo, file, block.attributes.helm_releases, refs);
    }
  }
}

/**
 * `helm_releases = { name = { chart = "base", repository = local.istio_repo, … } }`: the
 * arbitrary releases aws-ia/eks-blueprints-addons (and modules like it) install with helm_release.
 */
function readModuleReleases(repo: Repository, file: string, attribute: HclAttribute, refs: ChartRef[]): void {
  const releases = attribute.value;
  if (!isRecord(releases)) return;
  const lines = (repo.text(file) ?? '').split('\n');
  let from = attribute.line;
  for (const release of Object.values(releases)) {
    if (!isRecord(release) || typeof release.chart !== 'string') continue;
    // The release's `chart = "…"` line, searched forward from the previous one.
    const quoted = JSON.stringify(release.chart);
    let line = from;
    for (let i = from - 1; i < lines.length; i++) {
      if (/^\s*chart\s*=/.test(lines[i]!) && lines[i]!.includes(quoted)) {
        line = i + 1;
        break;
      }
    }
    from = line;
    const repository = terraformString(repo, file, release.repository);
    refs.push({ chart: chartName(release.chart), file, line, via: 'helm_release', ...(repository ? { repository } : {}) });
  }
}

/** A string literal, or the literal behind `var.x` / `local.x` in the same module folder. */
function terraformString(repo: Repository, file: string, value: HclValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const resolved = resolveTerraformValue(repo, file, value).value;
  return typeof resolved === 'string' && !/^(var|local)\./.test(resolved) ? resolved : undefined;
}

/** `helm install|upgrade [--install] [flags] RELEASE CHART`, `helm template RELEASE CHART`. */
function readCommands(repo: Repository, refs: ChartRef[]): void {
  for (const command of commandsMatching(repo, /\bhelm\s+(upgrade|install|template)\b/)) {
    const words = command.text.slice(command.text.search(/\bhelm\s/)).split(/\s+/);
    const positional: string[] = [];
    for (let i = 2; i < words.length; i++) {
      const word = words[i]!;
      if (/^(&&|\|\||;|\||>)$/.test(word)) break;
      if (word.startsWith('-')) {
        // flags that take a value
        if (/^(-f|--values|--namespace|-n|--version|--set|--set-string|--repo|--timeout|--kube-context|-o|--output)$/.test(word)) i++;
        continue;
      }
      positional.push(word);
    }
    const chart = words[1] === 'install' && positional.length === 1 ? positional[0] : positional[1];
    // A chart held in a variable cannot be named; a local path (./charts/web) names its folder.
    if (chart && !chart.includes('$')) {
      const values = withValues(commandReleaseValues(repo, command.file, words.slice(2)));
      refs.push({ chart: chartName(chart), file: command.file, line: command.line, via: 'helm-command', reference: chart, ...values });
    }
  }
}

/** `{ values }` when a release passes any, else nothing (most references pass none). */
function withValues(values: ValuesTree[]): { values?: ValuesTree[] } {
  return values.length > 0 ? { values } : {};
}
