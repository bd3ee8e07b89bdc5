import { relative } from 'node:path';
import type { Limits } from '../core/limits.js';
import type { Detection, ScanWarning, SourceKind } from '../core/types.js';
// From the modules themselves, not config/index.js: that would load the configuration schema
// (zod) and YAML parser even when there is no configuration file.
import { displayUrl, redactDeep } from '../core/redact.js';
import { confinementOf, type Confinement } from '../config/trust.js';
import { organizationName, resolveRepositories, teamOf } from '../config/repositories.js';
import type { Exemption as ConfigExemption, OrgConfig } from '../config/schema.js';
import { HISTORY_SIGNALS } from '../history/index.js';
import { assess, type RepositoryInput } from '../model/assess.js';
import { DEFAULT_MODEL_PATH } from '../model/load.js';
import type { Assessment } from '../model/types.js';
import { checkRepositoryPath } from './scan-repository.js';
import { distinctRepositories } from './distinct-repositories.js';
import { RepositoryScans } from './parallel.js';
import type { HistoryRequest, ScannedWithHistory } from './worker-messages.js';
import { scanCacheDir, toolFingerprint } from '../cache/scan-cache.js';
import { defaultCacheDir, ensureClone, isGitUrl } from '../sources/repository/clone.js';
import { configuredClusters, readClusters, type ClusterReadOptions, type ClusterRequest } from './clusters.js';
import { loadScanSetup, type ScanSetup } from './scan-setup.js';
import { ConfigurationUse, toModelExemption } from './configuration-use.js';
import type { DiscoveryRequest } from '../sources/forge/types.js';

export interface OrganizationScanOptions {
  /** Repository paths given on the command line; empty means "from the configuration, else `.`". */
  paths: string[];
  config?: string;
  since?: string;
  /** false: do not read git history (its signals become unknown). */
  history?: boolean;
  /** Limits from the command line; they win over the configuration's. */
  limits?: Partial<Limits>;
  clusterRequestTimeoutMs?: number;
  clusterDeadlineMs?: number;
  cacheDir?: string;
  offline?: boolean;
  cwd?: string;
  now?: Date;
  toolVersion: string;
  /** Clusters asked for on the command line; the configuration's are added. */
  clusters?: ClusterRequest[];
  teamLabel?: string;
  keepGoing?: boolean;
  /** Reuse repository scans whose content and tool are unchanged (the CLI's default; off for library callers). */
  cache?: boolean;
  /** Worker threads for repository scans; default: one per core for four or more repositories. */
  workers?: number;
  /** `urgent`: show at once (a wait on a forge's rate limit). */
  onProgress?: (text: string, urgent?: boolean) => void;
  /**
   * The repositories about to be scanned (cloned already), named as the report will name them.
   * `scan --save` opens the store meanwhile, while the workers scan (cli/scan-memory.ts).
   */
  onPlanned?: (planned: readonly { path: string; root: string }[]) => void;
  /**
   * Each scanned repository's HEAD commit, as its scan read it from `.git`'s files (when its
   * listing was checked against a stored one: a cached scan): `scan --save` records it instead of
   * reading every HEAD again (cli/scan-memory.ts).
   */
  onCommit?: (path: string, commit: string) => void;
  /** Repositories of a GitHub organization or GitLab group, found through its API (sources/forge). */
  discovery?: DiscoveryRequest;
  /** Let clones use file:// URLs (tests; never from the command line). */
  allowFileProtocol?: boolean;
  /**
   * Assess the repositories as they were at a past point (a timeline) instead of their work
   * trees: the scanner reads each from git's objects, and answers undefined for a repository that
   * did not exist yet (it is left out of that point). Clusters are not read: they are `unknown`
   * for the past.
   */
  pastPoint?: PastPointScanner;
  /**
   * A sharded scan (src/shard): only the repositories this shard owns are cloned and scanned,
   * each handed to `onRepository` as it is done; clusters are left to the merge.
   */
  shard?: ShardHooks;
  /** A merge (src/shard): the repositories come from the shards' records instead of a scan. */
  recorded?: RecordedPlan;
}

/** One repository's part of an organization scan, as a shard records it and a merge reads it back. */
export interface RecordedRepository {
  /** Its identity: as shown in reports (a web address, a git URL without credentials, or a path). */
  path: string;
  root: string;
  team?: string;
  /** Its place in the whole plan: a merge lists repositories in the order one process would. */
  position: number;
  input: RepositoryInput;
}

export interface ShardHooks {
  /** Whether this shard scans the repository of this identity (src/shard/assign.ts). */
  owns(path: string): boolean;
  /** Once the shard's repositories are known, with the warnings met listing and cloning them. */
  onPlanned?(planned: readonly { path: string }[], warnings: readonly ScanWarning[]): Promise<void>;
  /** Each repository as it is finished. */
  onRepository(repository: RecordedRepository): Promise<void>;
}

export interface RecordedPlan {
  repositories: readonly RecordedRepository[];
  /** The shards' listing warnings, in the place a single process would have met them. */
  warnings: readonly ScanWarning[];
}

/**
 * How a timeline scans the planned repositories at one past point (src/timeline). `history` is
 * the window that ends at that point, when history is read at all; `setup` is what the
 * configuration tells the scan (its limits, own signals and end-of-life table), as `scan` uses it.
 */
export type PastPointScanner = (
  planned: readonly { path: string; root: string }[],
  history: HistoryRequest | undefined,
  setup: Pick<ScanSetup, 'limits' | 'signalFiles' | 'settings'>,
) => {
  result(index: number): Promise<ScannedWithHistory | undefined>;
  close(): Promise<void>;
};

const HISTORY_OFF = 'git history was not read (--no-history or history.enabled: false)';

interface PlannedRepository {
  /** As shown in reports. */
  path: string;
  /** Where it is on disk. */
  root: string;
  team?: string;
  /** Its place in the whole plan, before a shard keeps its own. */
  position?: number;
}

/**
 * The whole assessment of an organization: configuration, many repositories (each scanned on its
 * own: one that fails is a warning, the rest go on), git history, clusters, teams, exemptions and
 * attestations. The CLI is a thin layer over this.
 */
export async function scanOrganization(options: OrganizationScanOptions): Promise<Assessment> {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? new Date();
  const setup = await loadScanSetup(options, cwd, now);
  const { config, configLabel, warnings } = setup;
  // Clusters first: an unreachable one should stop the scan before minutes of repository work.
  const clusterRead = await readClusters(clusterRequests(options, setup), clusterReadOptions(options, setup));
  warnings.push(...clusterRead.warnings);
  const planned = await plan(options, setup, cwd);
  options.onPlanned?.(planned);
  const use = new ConfigurationUse(config, configLabel, now);
  const { repositories, historyRead } = await scanPlanned(options, setup, planned, use, now);

  const teams = use.teams(planned, now);
  const orgAttestations = use.organizationAttestations(now);
  warnings.push(...use.warnings(now));

  const sources = new Set<SourceKind>(['repository']);
  if (historyRead) sources.add('history');
  if (teams.length > 0) sources.add('team-config');
  if (clusterRead.clusters.length > 0) sources.add('cluster');
  const teamNamespaces = teamConfigDetection(config, configLabel);

  // The last net: no credential leaves in any string of the result, whatever path brought it there.
  return redactDeep(assess({
    model: setup.model,
    organization: config.organization ?? (setup.configPath ? organizationName(config, setup.baseDir) : defaultName(planned, cwd)),
    toolVersion: options.toolVersion,
    now,
    repositories,
    clusters: clusterRead.clusters,
    ...(teamNamespaces ? { organizationDetections: [teamNamespaces] } : {}),
    sources,
    ...(teams.length > 0 ? { teams } : {}),
    ...(orgAttestations.length > 0 ? { attestations: orgAttestations } : {}),
    warnings,
  }));
}

/** Clusters named on the command line and in the configuration; none for a past point or a shard (the merge reads them). */
function clusterRequests(options: OrganizationScanOptions, { config, baseDir }: ScanSetup): ClusterRequest[] {
  if (options.pastPoint || options.shard) return [];
  return [...(options.clusters ?? []), ...configuredClusters(config.clusters, baseDir)];
}

function clusterReadOptions(options: OrganizationScanOptions, { config, detectors, limits }: ScanSetup): ClusterReadOptions {
  const repositoriesToo = options.paths.length > 0 || config.repositories.length > 0 || config.teams.length > 0;
  return {
    keepGoing: options.keepGoing === true && repositoriesToo,
    ...(options.teamLabel ? { teamLabel: options.teamLabel } : {}),
    ...(detectors !== 'all' ? { detectors } : {}),
    ...(options.clusterRequestTimeoutMs ? { requestTimeoutMs: options.clusterRequestTimeoutMs } : {}),
    ...(options.clusterDeadlineMs ? { deadlineMs: options.clusterDeadlineMs } : {}),
    maxResponseBytes: limits.maxClusterResponseBytes,
    maxObjectsPerList: limits.maxClusterObjects,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

/** The repositories to scan, in order: a merge's recorded ones, or those planned (a shard keeps its own). */
async function plan(options: OrganizationScanOptions, setup: ScanSetup, cwd: string): Promise<PlannedRepository[]> {
  const { config, baseDir, warnings, configLabel, trust } = setup;
  if (options.recorded) {
    warnings.push(...options.recorded.warnings);
    return options.recorded.repositories.map(({ path, root, team }) => ({ path, root, ...(team !== undefined ? { team } : {}) }));
  }
  const before = warnings.length;
  const confineTo = confinementOf(trust, configLabel);
  const listed = await planRepositories(options, config, baseDir, cwd, warnings, configLabel, confineTo);
  const all = listed.map((r, position) => ({ ...r, position: r.position ?? position }));
  const planned = distinctRepositories(options.shard ? all.filter((r) => options.shard!.owns(r.path)) : all, warnings);
  await options.shard?.onPlanned?.(planned, warnings.slice(before));
  return planned;
}

/**
 * Each planned repository's part of the assessment, in plan order: a merge's from the shards'
 * records, else scanned (on worker threads when that pays) with its history.
 */
async function scanPlanned(
  options: OrganizationScanOptions,
  setup: ScanSetup,
  planned: readonly PlannedRepository[],
  use: ConfigurationUse,
  now: Date,
): Promise<{ repositories: RepositoryInput[]; historyRead: boolean }> {
  const repositories: RepositoryInput[] = [];
  let historyRead = false;
  for (const r of options.recorded?.repositories ?? []) {
    // A merge: what the scan loop below notes for each repository, from the shards' records.
    use.configuredFor(r);
    if (r.input.unknown !== undefined && r.input.unknown.length < HISTORY_SIGNALS.length) historyRead = true;
    repositories.push(r.input);
  }
  const { config, readsHistory, since } = setup;
  const mainBranch = config.history.mainBranch ? { mainBranch: config.history.mainBranch } : {};
  const historyRequest: HistoryRequest | undefined = readsHistory ? { since, now, ...mainBranch, config } : undefined;
  const toScan = options.recorded ? [] : planned;
  const scans = options.pastPoint ? options.pastPoint(planned, historyRequest, setup) : repositoryScans(options, setup, toScan, planned, historyRequest);
  try {
    for (const [index, repo] of toScan.entries()) {
      try {
        const scanned = await scans.result(index);
        if (scanned === undefined) continue; // a timeline's point before the repository existed
        if (scanned.commit !== undefined) options.onCommit?.(repo.path, scanned.commit);
        const input = repositoryInput(repo, scanned, use);
        if (input.unknown!.length < HISTORY_SIGNALS.length) historyRead = true;
        repositories.push(input);
      } catch (error) {
        // Nothing read: it cannot stand for the platform (which would make platform gaps "missing").
        const warning = { file: '.', message: `repository could not be scanned: ${(error as Error).message}` };
        repositories.push({ path: repo.path, kind: 'tooling', kindReason: 'could not be scanned', detections: [], warnings: [warning] });
      }
      const team = repo.team !== undefined ? { team: repo.team } : {};
      const input = repositories[repositories.length - 1]!;
      await options.shard?.onRepository({ path: repo.path, root: repo.root, ...team, position: repo.position ?? index, input });
    }
  } finally {
    await scans.close();
  }
  return { repositories, historyRead };
}

function repositoryScans(
  options: OrganizationScanOptions,
  { limits, detectors, signalFiles, settings }: ScanSetup,
  toScan: readonly PlannedRepository[],
  planned: readonly PlannedRepository[],
  history: HistoryRequest | undefined,
): RepositoryScans {
  const fingerprint = () => toolFingerprint({ toolVersion: options.toolVersion, modelPath: DEFAULT_MODEL_PATH, limits, settings });
  return new RepositoryScans(
    toScan.map((r) => ({ root: r.root, label: r.path })),
    {
      limits,
      detectors,
      ...(signalFiles ? { signalFiles } : {}),
      settings,
      ...(history ? { history } : {}),
      ...(options.cache ? { cache: { dir: scanCacheDir(options.cacheDir), fingerprint: fingerprint() } } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      onProgress: (p) => {
        const current = planned.find((r) => r.root === p.current)?.path ?? p.current;
        options.onProgress?.(`scanned ${p.done}/${p.total} repositories · ${p.files} files read · ${current}`);
      },
    },
  );
}

/** One scanned repository as the model reads it; a kind set in the configuration wins over the scan's judgement (which the reason keeps). */
function repositoryInput(repo: PlannedRepository, scanned: ScannedWithHistory, use: ConfigurationUse): RepositoryInput {
  const history = scanned.history ?? { detections: [], unknown: HISTORY_SIGNALS.map((signal) => ({ signal, reason: HISTORY_OFF })) };
  const { own, setKind } = use.configuredFor(repo);
  const otherwise = setKind?.kind === scanned.kind ? '' : ` (the scan alone would say ${scanned.kind}: ${scanned.kindReason})`;
  return {
    path: repo.path,
    kind: setKind?.kind ?? scanned.kind,
    kindReason: setKind ? `${setKind.reason}${otherwise}` : scanned.kindReason,
    detections: withoutExemptSignals([...scanned.detections, ...history.detections], own),
    warnings: scanned.warnings,
    ...(scanned.kubernetesInInfrastructure ? { kubernetesInInfrastructure: scanned.kubernetesInInfrastructure } : {}),
    unknown: history.unknown.map((u) => [u.signal, u.reason]),
    absent: ('absent' in history ? history.absent : []).map((a) => [a.signal, a.reason]),
    exemptions: own.filter((e) => e.capability).map(toModelExemption),
  };
}

async function planRepositories(
  options: OrganizationScanOptions,
  config: OrgConfig,
  baseDir: string,
  cwd: string,
  warnings: ScanWarning[],
  configLabel: string,
  confineTo: Confinement | undefined,
): Promise<PlannedRepository[]> {
  if (options.discovery) {
    // Discovery replaces the configuration's repository list; paths given too are scanned with it.
    const { planDiscovery } = await import('./discovery.js');
    const withoutDiscovery = { ...options, discovery: undefined };
    const typed = options.paths.length > 0 ? await planRepositories(withoutDiscovery, config, baseDir, cwd, warnings, configLabel, confineTo) : [];
    const found = await planDiscovery(
      { ...options.discovery, teams: config.teamsFrom === 'forge' },
      {
        cacheDir: options.cacheDir ?? defaultCacheDir(),
        ...(options.shard ? { owns: options.shard.owns } : {}),
        ...(options.offline ? { offline: true } : {}),
        ...(options.allowFileProtocol ? { allowFileProtocol: true } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        warnings,
      },
    );
    const discovered = found.planned.map((r) => {
      const team = teamOf(r.path, config, cwd) ?? r.team;
      return { path: displayUrl(r.path), root: r.root, position: typed.length + r.position, ...(team ? { team } : {}) };
    });
    return [...typed, ...discovered];
  }
  if (options.paths.length > 0) {
    // Paths the user typed must exist: a typo is an error (exit 2), not a warning. Git URLs are
    // cloned (history, no unneeded blobs) into the cache and refreshed on the next run.
    const planned: PlannedRepository[] = [];
    for (const path of options.paths) {
      const team = teamOf(path, config, cwd);
      // A git URL another shard owns is not cloned here (the empty root is never read: it is left out by the shard's filter).
      const elsewhere = isGitUrl(path) && options.shard !== undefined && !options.shard.owns(displayUrl(path));
      const root = elsewhere ? '' : isGitUrl(path)
        ? (await ensureClone(path, options.cacheDir ?? defaultCacheDir(), { ...(options.offline ? { offline: true } : {}) })).path
        : checkRepositoryPath(path, cwd);
      // A URL is shown without its credentials, everywhere the path appears (reports, progress, warnings).
      planned.push({ path: isGitUrl(path) ? displayUrl(path) : path, root, ...(team ? { team } : {}) });
    }
    return planned;
  }
  const listed = config.teams.some((t) => t.repositories.length > 0) || config.repositories.length > 0;
  if (!listed) return [{ path: '.', root: checkRepositoryPath(cwd) }];
  const resolved = await resolveRepositories(config, baseDir, {
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.offline ? { offline: true } : {}),
    ...(confineTo !== undefined ? { confineTo } : {}),
    ...(options.shard ? { clone: shardClone(options.shard, options.cacheDir ?? defaultCacheDir(), options.offline === true) } : {}),
    onWarning: (message: string) => warnings.push({ file: configLabel, message }),
  });
  // A scanned configuration whose every entry was refused describes the repository it lies in.
  if (resolved.length === 0 && confineTo !== undefined) return [{ path: relative(cwd, confineTo.root) || '.', root: checkRepositoryPath(confineTo.root) }];
  return resolved.map((r) => ({
    path: r.url !== undefined ? displayUrl(r.url) : relative(cwd, r.path) || '.',
    root: r.path,
    ...(r.team ? { team: r.team } : {}),
  }));
}

/** Clones a configured git URL only when this shard owns it; another shard's is given an empty root, never read. */
function shardClone(shard: ShardHooks, cacheDir: string, offline: boolean): (url: string) => Promise<{ path: string }> {
  return async (url) => (shard.owns(displayUrl(url)) ? ensureClone(url, cacheDir, offline ? { offline: true } : {}) : { path: '' });
}

/** An exempted signal (e.g. static-secrets in a demo repository) is dropped from the detections it would block. */
function withoutExemptSignals(detections: Detection[], exemptions: ConfigExemption[]): Detection[] {
  const signals = new Set(exemptions.map((e) => e.signal).filter((s): s is string => s !== undefined));
  return signals.size === 0 ? detections : detections.filter((d) => !signals.has(d.id));
}

/**
 * A team configuration that gives two or more teams their namespaces says they share clusters:
 * the "team configuration" evidence of shared-multi-team-clusters.
 */
function teamConfigDetection(config: OrgConfig, configLabel: string): Detection | undefined {
  const withNamespaces = config.teams.filter((t) => t.namespaces.length > 0 && !t.platform && t.name !== config.platformTeam);
  if (withNamespaces.length < 2) return undefined;
  return {
    id: 'multi-team-namespaces',
    evidence: withNamespaces.map((t) => ({ history: `${configLabel}: team ${t.name} runs in namespaces ${t.namespaces.join(', ')}` })),
  };
}

function defaultName(planned: PlannedRepository[], cwd: string): string {
  const parents = new Set(planned.map((p) => relative(cwd, p.root).split('/').slice(0, -1).pop() ?? ''));
  if (planned.length > 1 && parents.size === 1 && [...parents][0]) return [...parents][0]!;
  const last = (planned.length === 1 ? planned[0]!.root : cwd).split('/').pop();
  return last || 'organization';
}
