import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScanWarning } from '../core/types.js';
import type { ClusterInput } from '../model/assess.js';
import { ModelError } from '../model/load.js';
import type { Assessment } from '../model/types.js';
import { ScanInputError } from '../scan/scan-repository.js';
import { colorWanted } from '../report/colors.js';
import { webUrlOf } from '../sources/git/web-url.js';
import type { Format } from './main.js';
import { pairOutputs, type OutputTarget } from './outputs.js';
import { Progress } from './progress.js';
import { toolVersion } from './version.js';

export interface ScanOptions {
  format?: Format[];
  output?: string[];
  config?: string;
  kubeconfig?: string;
  context?: string[];
  clusterSnapshot?: string[];
  keepGoing?: boolean;
  failBelow?: number;
  since?: string;
  maxFileSize?: number;
  cacheDir?: string;
  offline?: boolean;
  teamLabel?: string;
  quiet?: boolean;
  color?: boolean;
}

/** Errors that mean "the scan could not run": one line on stderr, exit 2, no stack trace. */
const INPUT_ERRORS = new Set(['ScanInputError', 'ModelError', 'ConfigError', 'CloneError', 'ClusterAccessError']);

/** `k8s-maturity scan`: resolves to the exit code (0 done, 1 gate failed, 2 could not run). */
export async function runScan(paths: string[], options: ScanOptions): Promise<number> {
  try {
    const targets = pairOutputs(options.format ?? [], options.output ?? [], process.stdout.isTTY === true);
    const assessment = await scanToAssessment(paths, options);
    for (const target of targets) await writeReport(assessment, target, options);
    if (options.failBelow !== undefined && assessment.stage < options.failBelow) {
      process.stderr.write(`k8s-maturity: organization stage ${assessment.stage} is below --fail-below ${options.failBelow}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof ScanInputError || error instanceof ModelError || INPUT_ERRORS.has((error as Error).name)) {
      process.stderr.write(`k8s-maturity: ${(error as Error).message.split('\n').join('\n  ')}\n`);
      return 2;
    }
    throw error;
  }
}

export async function scanToAssessment(paths: string[], options: ScanOptions): Promise<Assessment> {
  const progress = new Progress(process.stderr, !options.quiet);
  try {
    const { clusters, warnings } = await readClusters(options, paths.length > 0 || options.config !== undefined, (m) => progress.update(m));
    const { scanOrganization } = await import('../scan/organization.js');
    const assessment = await scanOrganization({
      paths,
      ...(options.config ? { config: options.config } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.maxFileSize ? { maxFileBytes: Math.round(options.maxFileSize * 1024 * 1024) } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(options.offline ? { offline: true } : {}),
      toolVersion: toolVersion(),
      clusters,
      onProgress: (m) => progress.update(m),
    });
    assessment.warnings.unshift(...warnings);
    return assessment;
  } finally {
    progress.done();
  }
}

/**
 * Live clusters and snapshots. An unreachable cluster stops the scan (exit 2) unless --keep-going
 * was given and there are other sources, in which case it becomes a warning.
 */
async function readClusters(options: ScanOptions, otherSources: boolean, onProgress: (m: string) => void): Promise<{ clusters: ClusterInput[]; warnings: ScanWarning[] }> {
  const clusters: ClusterInput[] = [];
  const warnings: ScanWarning[] = [];
  const wantsLive = options.kubeconfig !== undefined || (options.context ?? []).length > 0;
  const snapshots = options.clusterSnapshot ?? [];
  if (!wantsLive && snapshots.length === 0) return { clusters, warnings };
  const cluster = await import('../sources/cluster/index.js');
  const toInput = (r: Awaited<ReturnType<typeof cluster.readSnapshot>>): ClusterInput => ({
    name: r.name,
    detections: r.detections,
    warnings: r.warnings,
    forbidden: r.forbidden.map((f) => `list ${f.group ? `${f.resource}.${f.group}` : f.resource}`),
  });
  const attempt = async (label: string, read: () => Promise<Awaited<ReturnType<typeof cluster.readSnapshot>>>) => {
    try {
      clusters.push(toInput(await read()));
    } catch (error) {
      if (error instanceof cluster.ClusterAccessError && options.keepGoing && (otherSources || clusters.length > 0)) {
        warnings.push({ file: `cluster:${label}`, message: error.message });
        return;
      }
      throw error;
    }
  };
  for (const file of snapshots) await attempt(file, () => cluster.readSnapshot(file, { ...(options.teamLabel ? { teamLabel: options.teamLabel } : {}) }));
  if (wantsLive) {
    const contexts = (options.context ?? []).length > 0 ? options.context! : [undefined];
    for (const context of contexts) {
      await attempt(context ?? 'current-context', () =>
        cluster.scanCluster({
          ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
          ...(context ? { context } : {}),
          ...(options.teamLabel ? { teamLabel: options.teamLabel } : {}),
          onProgress,
        }),
      );
    }
  }
  return { clusters, warnings };
}

async function writeReport(assessment: Assessment, target: OutputTarget, options: ScanOptions): Promise<void> {
  const text = await render(assessment, target, options);
  if (target.file === undefined) process.stdout.write(text);
  else writeFileSync(target.file, text);
}

async function render(assessment: Assessment, target: OutputTarget, options: ScanOptions): Promise<string> {
  switch (target.format) {
    case 'json':
      return (await import('../report/json.js')).renderJson(assessment);
    case 'table':
      return (await import('../report/table.js')).renderTable(assessment, { color: target.file === undefined && colorWanted(process.stdout, options.color) });
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
