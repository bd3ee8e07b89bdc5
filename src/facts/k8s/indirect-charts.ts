/**
 * Charts installed by routes other than Helm's own files: an Ansible task of the kubernetes.core
 * (or older community.kubernetes) collection, and a CloudFormation `AWSQS::Kubernetes::Helm`
 * resource of the AWS Quick Start registry. Each names the chart and, usually, its repository.
 */
import type { Repository } from '../../workspace/repository.js';
import { lineOf } from '../../parse/yaml.js';
import { cfnTemplates } from '../iac/cloudformation.js';
import { isRecord } from './k8s-objects.js';
import { ciPipelineFiles, COMPOSE_FILE, YAML_FILE } from '../files/paths.js';
import { isProse } from '../files/sample-paths.js';
import type { ChartRef } from './charts.js';

/** Module names of the Helm task, fully qualified or short (`helm:` with `chart_ref`). */
const HELM_MODULES = ['kubernetes.core.helm', 'community.kubernetes.helm', 'helm'] as const;
/** Keys that nest more tasks. */
const NESTED = ['block', 'rescue', 'always', 'tasks', 'pre_tasks', 'post_tasks', 'handlers'] as const;

/**
 * `kubernetes.core.helm: { name, chart_ref, chart_repo_url, release_namespace }` in a playbook or a
 * role's task file. A task file is a YAML list of tasks; plays nest theirs under `tasks:`.
 */
export function ansibleHelmCharts(repo: Repository, chartName: (reference: string) => string): ChartRef[] {
  const refs: ChartRef[] = [];
  const pipelines = ciPipelineFiles(repo);
  for (const file of repo.filesMatching(YAML_FILE)) {
    if (pipelines.has(file.path) || COMPOSE_FILE.test(file.path) || isProse(file.path)) continue;
    const text = repo.text(file.path);
    // Cheap filter: the module's chart argument, in a list of tasks.
    if (text === undefined || !text.includes('chart_ref') || !/^\s*-\s/m.test(text)) continue;
    for (const document of repo.yaml(file.path)) {
      if (Array.isArray(document.value)) walkTasks(document.value, file.path, document.line, chartName, refs, 0);
    }
  }
  return refs;
}

function walkTasks(tasks: unknown[], file: string, fallback: number, chartName: (reference: string) => string, refs: ChartRef[], depth: number): void {
  if (depth > 8) return;
  for (const task of tasks) {
    if (!isRecord(task)) continue;
    for (const module of HELM_MODULES) {
      const args = task[module];
      if (!isRecord(args) || typeof args.chart_ref !== 'string') continue;
      const chart = args.chart_ref;
      // A chart held in a variable cannot be named.
      if (chart.includes('{{')) continue;
      const repository = typeof args.chart_repo_url === 'string' && !args.chart_repo_url.includes('{{') ? args.chart_repo_url : undefined;
      refs.push({ chart: chartName(chart), file, line: lineOf(args, 'chart_ref', lineOf(task, module, fallback)), via: 'ansible-helm', ...(repository ? { repository } : {}) });
    }
    for (const key of NESTED) {
      const nested = task[key];
      if (Array.isArray(nested)) walkTasks(nested, file, lineOf(task, key, fallback), chartName, refs, depth + 1);
    }
  }
}

/** `Type: AWSQS::Kubernetes::Helm` with `Properties: { Chart: prometheus-community/kube-prometheus-stack, Repository: … }`. */
export function cloudFormationHelmCharts(repo: Repository, chartName: (reference: string) => string): ChartRef[] {
  const refs: ChartRef[] = [];
  for (const template of cfnTemplates(repo)) {
    for (const resource of template.resources) {
      if (resource.type !== 'AWSQS::Kubernetes::Helm') continue;
      const chart = resource.properties?.Chart;
      if (typeof chart !== 'string') continue;
      const repository = typeof resource.properties?.Repository === 'string' ? resource.properties.Repository : undefined;
      refs.push({ chart: chartName(chart), file: template.file, line: resource.line, via: 'cloudformation-helm', ...(repository ? { repository } : {}) });
    }
  }
  return refs;
}

/**
 * `kubectl apply|create -f <url>` of a project's release manifests (a script or pipeline installing
 * jaeger-operator, sealed-secrets or Argo CD from GitHub): the project, named like its chart, is
 * deployed. Only GitHub release and raw URLs name the project reliably.
 */
export function manifestUrlInstalls(commands: readonly { text: string; file: string; line: number }[]): ChartRef[] {
  const refs: ChartRef[] = [];
  for (const command of commands) {
    if (!command.text.includes('kubectl') || !command.text.includes('http')) continue;
    for (const match of command.text.matchAll(/\bkubectl\s+(?:[\w-]+\s+)*?(?:apply|create|replace)\b[^|;&]*?\s(?:-f|--filename)(?:\s+|=)["']?(https?:\/\/[^\s"']+)/g)) {
      const project = githubProject(match[1]!);
      if (project) refs.push({ chart: project.chart, file: command.file, line: command.line, via: 'manifest-url', repository: project.url });
    }
  }
  return refs;
}

/** Repositories whose release manifest is narrower than the chart of the same name. */
const PROJECT_AS_CHART: Record<string, string> = {
  // bundle.yaml installs the operator and its CRDs, not the Grafana of the old chart of that name.
  'prometheus-operator': 'prometheus',
};

function githubProject(url: string): { chart: string; url: string } | undefined {
  const match = /^https?:\/\/(?:github\.com|raw\.githubusercontent\.com)\/([\w.-]+)\/([\w.-]+)\//i.exec(url);
  if (!match) return undefined;
  const name = match[2]!.toLowerCase();
  return { chart: PROJECT_AS_CHART[name] ?? name, url: `https://github.com/${match[1]}/${match[2]}` };
}
