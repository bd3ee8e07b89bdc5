import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../core/limits.js';
import type { SourceKind } from '../core/types.js';
import { DETECTORS } from '../detectors/registry.js';
import { assess, type RepositoryInput } from '../model/assess.js';
import { loadModel, ModelError } from '../model/load.js';
import type { Assessment } from '../model/types.js';
import { checkRepositoryPath, scanRepository, ScanInputError } from '../scan/scan-repository.js';
import { colorWanted } from '../report/colors.js';
import type { Format } from './main.js';
import { pairOutputs, type OutputTarget } from './outputs.js';
import { Progress } from './progress.js';
import { toolVersion } from './version.js';
import { webUrlOf } from '../sources/git/web-url.js';

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
  quiet?: boolean;
  color?: boolean;
}

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
    if (error instanceof ScanInputError || error instanceof ModelError) {
      process.stderr.write(`k8s-maturity: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

export async function scanToAssessment(paths: string[], options: ScanOptions): Promise<Assessment> {
  const repoPaths = paths.length > 0 ? paths : ['.'];
  // Refuse bad paths before any work, with one line each.
  for (const path of repoPaths) checkRepositoryPath(path);
  const limits: Limits = { ...DEFAULT_LIMITS, maxFileBytes: Math.round((options.maxFileSize ?? 5) * 1024 * 1024) };
  const model = loadModel();
  const progress = new Progress(process.stderr, !options.quiet);
  const repositories: RepositoryInput[] = [];
  let files = 0;
  for (const [index, path] of repoPaths.entries()) {
    progress.update(`scanning ${index + 1}/${repoPaths.length} repositories · ${files} files · ${path}`);
    try {
      const scanned = await scanRepository(path, DETECTORS, limits);
      files += scanned.files;
      repositories.push(scanned);
    } catch (error) {
      if (error instanceof ScanInputError) throw error;
      // One repository that fails is reported; the rest go on.
      repositories.push({ path, kind: 'platform', detections: [], warnings: [{ file: '.', message: `repository could not be scanned: ${(error as Error).message}` }] });
    }
  }
  progress.done();
  const sources = new Set<SourceKind>(['repository']);
  return assess({
    model,
    organization: organizationName(repoPaths),
    toolVersion: toolVersion(),
    now: new Date(),
    repositories,
    clusters: [],
    sources,
  });
}

/** Links to file lines need each repository's web address; computed once per scan, only for formats that link. */
const webUrlCache = new WeakMap<Assessment, Record<string, string>>();
function webUrls(assessment: Assessment): Record<string, string> {
  let urls = webUrlCache.get(assessment);
  if (!urls) {
    urls = {};
    for (const repo of assessment.repositories) {
      const url = webUrlOf(resolve(repo.path));
      if (url) urls[repo.path] = url;
    }
    webUrlCache.set(assessment, urls);
  }
  return urls;
}

function organizationName(paths: string[]): string {
  const parents = new Set(paths.map((p) => basename(resolve(p, paths.length > 1 ? '..' : '.'))));
  return parents.size === 1 ? [...parents][0]! : 'organization';
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
