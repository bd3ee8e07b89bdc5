import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ClusterRequest } from '../scan/clusters.js';
import type { OrganizationScanOptions } from '../scan/organization.js';
import type { DiscoveryRequest } from '../sources/forge/types.js';
import type { Assessment } from '../model/types.js';
import type { ReportDiff } from '../diff/compare.js';
import type { BegunSave } from './scan-memory.js';
import { colorWanted } from '../report/colors.js';
import { redactSecrets } from '../core/redact.js';
import { webUrlOf } from '../sources/git/web-url.js';
import { checkGates } from './gates.js';
import type { Format } from './formats.js';
import { pairOutputs, type OutputArgument, type OutputTarget } from './outputs.js';
import { Progress } from './progress.js';
import { toolVersion } from './version.js';

export type { ScanOptions } from './scan-options.js';
import type { ScanOptions } from './scan-options.js';

/**
 * Errors that mean "the scan could not run": one line on stderr, exit 2, no stack trace. Told
 * apart by name, so the heavy modules that define some of them need not be loaded to check.
 */
export const INPUT_ERRORS = new Set(['ScanInputError', 'ModelError', 'ConfigError', 'CloneError', 'ClusterAccessError', 'StoreError', 'ReportFileError', 'DiscoveryError']);

/** `k8s-maturity scan`: resolves to the exit code (0 done, 1 gate failed, 2 could not run). */
export async function runScan(paths: string[], options: ScanOptions): Promise<number> {
  let save: BegunSave | undefined;
  try {
    if (options.shard !== undefined || options.run !== undefined || options.merge) {
      return await (await import('./shard-command.js')).runShard(paths, options, scanToAssessment);
    }
    const sequence = options.outputArguments ?? interleave(options.format ?? [], options.output ?? []);
    const targets = pairOutputs(sequence, process.stdout.isTTY === true);
    // A configuration may say `store.save: true`: memory is looked at when one is given or is here.
    const mayRemember = options.baseline !== undefined || options.save === true || options.store !== undefined || options.config !== undefined || existsSync('.k8s-maturity.yaml') || existsSync('.k8s-maturity.yml');
    const memory = mayRemember ? await import('./scan-memory.js') : undefined;
    const baseline = options.baseline !== undefined ? await memory!.loadBaseline(options.baseline) : undefined;
    // The commits are read and the store opened while the scan runs (scan-memory.ts, BegunSave).
    const begun = memory ? await memory.beginSave(options) : undefined;
    save = begun;
    const startedAt = new Date();
    const hooks = begun ? { onPlanned: begun.planned.bind(begun), onCommit: begun.scanned.bind(begun) } : {};
    const assessment = await scanToAssessment(paths, options, hooks);
    const durationMs = Date.now() - startedAt.getTime();
    const comparison = baseline ? await memory!.compareWithBaseline(baseline, assessment, options.baseline!) : undefined;
    for (const target of targets) await writeReport(assessment, target, options, comparison);
    if (begun) {
      const saved = await memory!.saveScan(assessment, begun, { ...pick(options), startedAt, durationMs });
      if (saved !== 0) return saved;
    }
    const gates = checkGates(assessment, options.failBelow ?? []);
    for (const line of gates.unknown) process.stderr.write(`k8s-maturity: ${line}\n`);
    if (gates.unknown.length > 0) return 2;
    for (const line of gates.failed) process.stderr.write(`k8s-maturity: ${line}\n`);
    if (gates.failed.length > 0) return 1;
    if (options.failOnRegression && comparison && comparison.regressions.length > 0) {
      process.stderr.write(`k8s-maturity: ${comparison.regressions.length} regression(s) since the baseline (--fail-on-regression)\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof Error && INPUT_ERRORS.has(error.name)) {
      // Messages are built without secrets; redactSecrets is the last net (core/redact.ts).
      process.stderr.write(`k8s-maturity: ${redactSecrets((error as Error).message).split('\n').join('\n  ')}\n`);
      return 2;
    }
    throw error;
  } finally {
    await save?.abandon();
  }
}

function interleave(formats: Format[], outputs: string[]): OutputArgument[] {
  const sequence: OutputArgument[] = [];
  for (let i = 0; i < Math.max(formats.length, outputs.length); i++) {
    if (formats[i] !== undefined) sequence.push({ kind: 'format', value: formats[i]! });
    if (outputs[i] !== undefined) sequence.push({ kind: 'output', value: outputs[i]! });
  }
  return sequence;
}

export async function scanToAssessment(paths: string[], options: ScanOptions, extra: Pick<OrganizationScanOptions, 'shard' | 'recorded' | 'onPlanned' | 'onCommit'> = {}): Promise<Assessment> {
  const progress = new Progress(process.stderr, !options.quiet);
  try {
    const { scanOrganization } = await import('../scan/organization.js');
    const assessment = await scanOrganization({
      paths,
      ...(options.config ? { config: options.config } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.history === false ? { history: false } : {}),
      limits: {
        ...(options.maxFileSize ? { maxFileBytes: Math.round(options.maxFileSize * 1024 * 1024) } : {}),
        ...(options.maxTotalSize ? { maxTotalBytes: Math.round(options.maxTotalSize * 1024 * 1024) } : {}),
        ...(options.maxFiles ? { maxFiles: Math.round(options.maxFiles) } : {}),
        ...(options.maxDocuments ? { maxDocumentsPerFile: Math.round(options.maxDocuments) } : {}),
      },
      ...(options.clusterTimeout ? { clusterRequestTimeoutMs: options.clusterTimeout * 1000 } : {}),
      ...(options.clusterDeadline ? { clusterDeadlineMs: options.clusterDeadline * 1000 } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(options.offline ? { offline: true } : {}),
      cache: options.cache !== false,
      toolVersion: toolVersion(),
      clusters: clusterRequests(options),
      ...(options.teamLabel ? { teamLabel: options.teamLabel } : {}),
      ...(options.keepGoing ? { keepGoing: true } : {}),
      ...discoveryOf(options),
      onProgress: (m, urgent) => progress.update(m, urgent),
      ...extra,
    });
    return assessment;
  } finally {
    progress.done();
  }
}

/** --github-org / --gitlab-group and their filters, as a discovery request (sources/forge). */
function discoveryOf(options: ScanOptions): { discovery?: DiscoveryRequest } {
  const forge = options.githubOrg !== undefined ? 'github' : options.gitlabGroup !== undefined ? 'gitlab' : undefined;
  if (forge === undefined) {
    const stray = (['topic', 'includeArchived', 'includeForks', 'include', 'exclude', 'githubUrl', 'gitlabUrl', 'tokenFile'] as const).find((k) => options[k] !== undefined);
    if (stray) throw new ScanUsageError(`--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --github-org or --gitlab-group`);
    return {};
  }
  if (options.githubOrg !== undefined && options.gitlabGroup !== undefined) throw new ScanUsageError('give --github-org or --gitlab-group, not both (run two scans)');
  const baseUrl = forge === 'github' ? options.githubUrl : options.gitlabUrl;
  return {
    discovery: {
      forge,
      owner: (forge === 'github' ? options.githubOrg : options.gitlabGroup)!,
      ...(baseUrl !== undefined ? { baseUrl: checkedBaseUrl(baseUrl) } : {}),
      ...(options.topic ? { topics: options.topic } : {}),
      ...(options.includeArchived ? { includeArchived: true } : {}),
      ...(options.includeForks ? { includeForks: true } : {}),
      ...(options.include ? { include: options.include } : {}),
      ...(options.exclude ? { exclude: options.exclude } : {}),
      ...(options.tokenFile !== undefined ? { tokenFile: options.tokenFile } : {}),
    },
  };
}

/** A forge base URL must be http(s) and carry no credentials (the token has its own ways in). */
function checkedBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ScanUsageError(`the forge URL ${JSON.stringify(value)} is not a URL: write e.g. https://github.example.com/api/v3`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ScanUsageError(`the forge URL must be https:// (got ${url.protocol})`);
  if (url.username !== '' || url.password !== '') throw new ScanUsageError('the forge URL must not carry a user or password: give the token in GITHUB_TOKEN / GITLAB_TOKEN or --token-file');
  return value;
}

class ScanUsageError extends Error {
  override name = 'ScanInputError';
}

function clusterRequests(options: ScanOptions): ClusterRequest[] {
  const requests: ClusterRequest[] = (options.clusterSnapshot ?? []).map((snapshot) => ({ snapshot }));
  if (options.kubeconfig !== undefined || (options.context ?? []).length > 0) {
    const contexts = (options.context ?? []).length > 0 ? options.context! : [undefined];
    for (const context of contexts) requests.push({ ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}), ...(context ? { context } : {}) });
  }
  return requests;
}

function pick(options: ScanOptions): { quiet?: boolean; cacheDir?: string } {
  return {
    ...(options.quiet ? { quiet: true } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
  };
}

export async function writeReport(assessment: Assessment, target: OutputTarget, options: ScanOptions, comparison?: ReportDiff): Promise<void> {
  // The JSON report as the very bytes `--save` spools and records: converted to UTF-8 once.
  if (target.format === 'json' && !comparison) {
    const bytes = (await import('../report/json.js')).renderJsonBytes(assessment);
    if (target.file === undefined) process.stdout.write(bytes);
    else writeFileSync(target.file, bytes);
    return;
  }
  let text = await render(assessment, target, options);
  if (comparison) {
    const color = target.format === 'table' && target.file === undefined && colorWanted(process.stdout, options.color);
    text = await (await import('./scan-memory.js')).withComparison(text, target.format, comparison, color);
  }
  if (target.file === undefined) process.stdout.write(text);
  else writeFileSync(target.file, text);
}

async function render(assessment: Assessment, target: OutputTarget, options: ScanOptions): Promise<string> {
  switch (target.format) {
    case 'json':
      return (await import('../report/json.js')).renderJson(assessment);
    case 'table':
      return (await import('../report/table.js')).renderTable(assessment, { color: target.file === undefined && colorWanted(process.stdout, options.color), width: tableWidth(target) });
    case 'markdown':
      return (await import('../report/markdown.js')).renderMarkdown(assessment, { webUrls: webUrls(assessment) });
    case 'html':
      return (await import('../report/html.js')).renderHtml(assessment, { webUrls: webUrls(assessment) });
    case 'sarif':
      return (await import('../report/sarif.js')).renderSarif(assessment);
    case 'badge':
      return (await import('../report/badge.js')).renderBadge(assessment);
  }
}

/** The terminal's width; for a file, a pipe or an unknown terminal, $COLUMNS, else 80. */
function tableWidth(target: OutputTarget): number {
  if (target.file === undefined && process.stdout.isTTY === true && process.stdout.columns > 0) return process.stdout.columns;
  const columns = Number(process.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
}

/** Links to file lines need each repository's web address; computed once per scan, only for formats that link. */
const webUrlCache = new WeakMap<Assessment, Record<string, string>>();
function webUrls(assessment: Assessment): Record<string, string> {
  let urls = webUrlCache.get(assessment);
  if (!urls) {
    urls = {};
    for (const repo of assessment.repositories) {
      if (/^[a-z]+:\/\/|^[\w.-]+@/.test(repo.path)) continue;
      const url = webUrlOf(resolve(repo.path));
      if (url) urls[repo.path] = url;
    }
    webUrlCache.set(assessment, urls);
  }
  return urls;
}
