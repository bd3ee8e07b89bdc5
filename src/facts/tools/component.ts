import type { FileEvidence } from '../../core/types.js';
import { cutAtWord } from '../../core/text.js';
import { redactCommand } from '../../core/redact.js';
import type { Repository } from '../../workspace/repository.js';
import { chartRefs, type ChartRef } from '../k8s/charts.js';
import { ciFacts } from '../ci/ci.js';
import { dependencies, type Dependency } from './dependencies.js';
import { deployedImages } from '../images/images.js';
import { objectsWhere } from '../k8s/k8s-objects.js';
import { isOffByDefault } from '../k8s/chart-defaults.js';
import { isSwitchedOff } from '../k8s/chart-values.js';
import { terraformModuleFlags, terraformModules, terraformProviders, terraformResources } from '../iac/terraform.js';
import { uniqueEvidence } from '../files/evidence.js';
import { provisioningCommands } from '../iac/provisioning-commands.js';
import { memoKey } from '../../workspace/memo-key.js';

const DISTINCT = memoKey<string[]>('distinct');

/**
 * How a tool shows that it is really used, as data. Most detectors are nothing more than one of
 * these: the same description serves repositories (here) and clusters (images of running pods,
 * custom resources, Helm release labels), so a tool is described once.
 */
export interface ComponentSpec {
  /** Image paths with registry, tag and digest removed ("prom/prometheus", "grafana/loki"). */
  images?: RegExp[];
  /** Helm chart names (a chart that deploys the tool: "kube-prometheus-stack"). */
  charts?: RegExp[];
  /**
   * The tool's section in an umbrella chart's values (`alertmanager` in `prometheus` and
   * `kube-prometheus-stack`): a release whose values set `<section>.enabled: false` leaves the tool
   * out, so it is no evidence. Signal files use their id.
   */
  valuesSection?: string;
  /** Kubernetes objects by API group (and kind): custom resources of the tool. */
  objects?: { group: RegExp; kind?: RegExp }[];
  /** Terraform resource/data types, module sources and provider names. */
  terraformResources?: RegExp;
  terraformModules?: RegExp;
  terraformProviders?: RegExp;
  /**
   * Feature flags set to `true` on any module block, by attribute name: add-on modules such as
   * aws-ia/eks-blueprints-addons install the tool when `enable_<tool> = true`. Name only flags
   * the module really defines.
   */
  terraformModuleFlags?: RegExp;
  /** Libraries in dependency files (client or instrumentation libraries serve the tool). */
  dependencies?: { name: RegExp; ecosystems?: Dependency['ecosystem'][] }[];
  /** Command lines in pipelines and scripts that run or drive the tool (a RegExp, or a matcher with more checks). */
  commands?: CommandMatcher[];
  /** Reusable CI steps: GitHub actions, CircleCI orbs, GitLab includes, Azure tasks. */
  ciUses?: RegExp[];
  /** The tool's own configuration files; `contains` must match the text when given. */
  files?: { path: RegExp; contains?: RegExp }[];
}

/** How far findComponent looks beyond pipelines and scripts. */
export interface FindOptions {
  /**
   * Also match the commands where installers run them: Ansible tasks, cloud-init, Terraform
   * provisioners and user data, script templates (src/facts/iac/provisioning-commands.ts). Cluster
   * bootstrap (`kubeadm init`, `eksctl create cluster`, `curl get.k3s.io | sh`) lives there far more
   * often than in CI. Every signal file asks for it; so do the code detectors of provisioning tools.
   */
  provisioning?: boolean;
}

/** Tells whether a command line runs the tool: a RegExp, or a pattern plus a check that it is a run. */
export interface CommandMatcher {
  test(text: string): boolean;
}

/** Every place in the repository that the spec recognises, one evidence per file and line. */
export function findComponent(repo: Repository, spec: ComponentSpec, options: FindOptions = {}): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  const add = (file: string, line: number, detail: string, library?: true): void => {
    evidence.push(library ? { file, line, detail, library } : { file, line, detail });
  };

  for (const { path, contains } of spec.files ?? []) {
    for (const file of repo.filesMatching(path)) {
      if (!contains) {
        add(file.path, 1, 'configuration file');
        continue;
      }
      const text = repo.text(file.path);
      if (text === undefined) continue;
      const match = contains.exec(text);
      if (match) add(file.path, lineAt(text, match.index), 'configuration file');
    }
  }
  if (spec.terraformResources) {
    for (const { file, block } of terraformResources(repo, spec.terraformResources)) add(file, block.line, `${block.type} ${block.labels[0]}.${block.labels[1] ?? ''}`);
  }
  if (spec.terraformModules) {
    for (const { file, block } of terraformModules(repo, spec.terraformModules)) add(file, block.line, `module ${block.labels[0]} (${String(block.attributes.source?.value)})`);
  }
  if (spec.terraformProviders) {
    for (const provider of terraformProviders(repo, spec.terraformProviders)) add(provider.file, provider.line, `Terraform provider ${provider.name}`);
  }
  if (spec.terraformModuleFlags) {
    for (const flag of terraformModuleFlags(repo, spec.terraformModuleFlags)) add(flag.file, flag.line, `module ${flag.module}: ${flag.flag} = true`);
  }
  if (spec.objects) {
    const patterns = spec.objects;
    for (const object of objectsWhere(repo, (group, kind) => patterns.some((o) => o.group.test(group) && (!o.kind || o.kind.test(kind))))) {
      // A chart's template that its defaults switch off is offered to the chart's users, not used.
      if (isOffByDefault(repo, object)) continue;
      add(object.file, object.line, `${object.apiVersion} ${object.kind} ${object.name}`.trim());
    }
  }
  if (spec.images) {
    const refs = deployedImages(repo);
    const matched = matchingValues(spec.images, distinctValues(repo, 'deployedImages', refs, (ref) => ref.parsed.path));
    for (const ref of refs) {
      if (ref.templated && ref.image.includes('__TPL__')) continue;
      if (matched.has(ref.parsed.path)) add(ref.file, ref.line, ref.deployedBy ? `${ref.image} add-on deployed by ${ref.deployedBy}` : `image ${ref.image}`);
    }
  }
  if (spec.charts) {
    const refs = chartRefs(repo);
    const matched = matchingValues(spec.charts, distinctValues(repo, 'chartRefs', refs, (ref) => ref.chart));
    const off = (ref: ChartRef) => spec.valuesSection !== undefined && isSwitchedOff(ref.values, spec.valuesSection);
    for (const ref of refs) if (matched.has(ref.chart) && !off(ref)) add(ref.file, ref.line, `chart ${ref.chart} (${CHART_VIA[ref.via]})`);
  }
  if (spec.dependencies) {
    for (const dependency of dependencies(repo)) {
      if (spec.dependencies.some((d) => d.name.test(dependency.name) && (!d.ecosystems || d.ecosystems.includes(dependency.ecosystem)))) {
        add(dependency.file, dependency.line, `dependency ${dependency.name}`, true);
      }
    }
  }
  if (spec.commands || spec.ciUses) {
    const ci = ciFacts(repo);
    if (spec.commands) {
      const matched = matchingValues(spec.commands, distinctValues(repo, 'ci.commands', ci.commands, (command) => command.text));
      for (const command of ci.commands) if (matched.has(command.text)) add(command.file, command.line, `runs \`${shorten(command.text)}\``);
    }
    if (spec.ciUses) {
      const matched = matchingValues(spec.ciUses, distinctValues(repo, 'ci.uses', ci.uses, (use) => use.ref));
      for (const use of ci.uses) if (matched.has(use.ref)) add(use.file, use.line, `uses ${use.ref}`);
    }
  }
  if (spec.commands && options.provisioning) {
    // After every other kind, so a place the pipelines or files already show keeps that evidence.
    const patterns = spec.commands;
    const provisioning = provisioningCommands(repo).filter((command) => matchesAny(patterns, command.text));
    for (const command of provisioning) add(command.file, command.line, `runs \`${shorten(command.text)}\``);
  }
  // One evidence per place; a templated name reads better as {{…}} than as the internal placeholder.
  return uniqueEvidence(evidence);
}

/**
 * The distinct values of a fact's items (image paths, chart names), once per scan: a repository
 * deploys the same few images in thousands of places, and every spec tests them all.
 */
function distinctValues<T>(repo: Repository, fact: string, items: readonly T[], value: (item: T) => string): string[] {
  return repo.memo(DISTINCT, () => [...new Set(items.map(value))], fact);
}

/** The values one of the patterns matches, each value tested once. */
function matchingValues(patterns: readonly CommandMatcher[], values: readonly string[]): Set<string> {
  const matched = new Set<string>();
  for (const value of values) if (matchesAny(patterns, value)) matched.add(value);
  return matched;
}

/** True when one of the patterns matches (a loop: this runs for every object, image and command of every spec). */
function matchesAny(patterns: readonly CommandMatcher[], text: string): boolean {
  for (const pattern of patterns) if (pattern.test(text)) return true;
  return false;
}

const CHART_VIA: Record<string, string> = {
  chart: 'chart',
  'chart-dependency': 'Chart.yaml dependency',
  helm_release: 'Terraform helm_release',
  'argocd-application': 'Argo CD Application',
  'flux-helmrelease': 'Flux HelmRelease',
  helmfile: 'helmfile release',
  kustomize: 'kustomize helmCharts',
  'helm-command': 'helm command',
  'helmchart-crd': 'HelmChart resource',
  'ansible-helm': 'Ansible helm task',
  'cloudformation-helm': 'CloudFormation AWSQS::Kubernetes::Helm',
  'manifest-url': 'kubectl apply of its release manifest',
  'infra-program': 'installed by a CDK or Pulumi program',
};

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A command shown as evidence is cut at a word boundary after this many characters. */
const MAX_COMMAND_SHOWN = 200;

/** Commands can be long and hold secrets in flags: show a short, credential-free form (src/core/redact.ts). */
export function shorten(text: string): string {
  const cleaned = redactCommand(text);
  // Kept whole up to a bound that keeps reports readable; reports fold or wrap it to their width.
  return cutAtWord(cleaned, MAX_COMMAND_SHOWN);
}
