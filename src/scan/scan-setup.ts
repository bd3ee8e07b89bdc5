import { relative, resolve } from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../core/limits.js';
import type { ScanWarning } from '../core/types.js';
import type { DetectorSettings } from '../core/detector-settings.js';
// From the modules themselves, not config/index.js: that would load the configuration schema
// (zod) and YAML parser even when there is no configuration file.
import { checkModelNames } from '../config/exemptions.js';
import { loadConfig } from '../config/load.js';
import { confineConfig, decideTrust, type TrustDecision } from '../config/trust.js';
import { limitsFrom, parseSince } from '../config/repositories.js';
import type { OrgConfig } from '../config/schema.js';
import { loadModel } from '../model/load.js';
import type { MaturityModel } from '../model/types.js';
import type { Detector } from '../detectors/detector.js';
import type { SignalFile } from '../signals/schema.js';
import { isGitUrl } from '../sources/repository/clone.js';

/**
 * What an organization scan works with before it reads any repository: the configuration as far as
 * it is trusted, the model with the configuration's overrides and own signals, the limits and the
 * history window.
 */
export interface ScanSetup {
  config: OrgConfig;
  /** The configuration file read, absolute; undefined when none was found. */
  configPath: string | undefined;
  baseDir: string;
  /** How warnings name the configuration file. */
  configLabel: string;
  trust: TrustDecision;
  /** Warnings so far; the scan adds its own. */
  warnings: ScanWarning[];
  model: MaturityModel;
  /** The registry's detectors (`all`), or those and the configuration's own signals. */
  detectors: readonly Detector[] | 'all';
  signalFiles: readonly SignalFile[] | undefined;
  limits: Limits;
  since: Date;
  readsHistory: boolean;
  settings: DetectorSettings;
}

/** The options of scanOrganization this reads. */
export interface SetupOptions {
  paths: string[];
  config?: string;
  since?: string;
  history?: boolean;
  limits?: Partial<Limits>;
}

export async function loadScanSetup(options: SetupOptions, cwd: string, now: Date): Promise<ScanSetup> {
  const loaded = await loadConfig(options.config, cwd);
  const { path: configPath, baseDir } = loaded;
  const configLabel = configPath ? relative(cwd, configPath) || configPath : '.k8s-maturity.yaml';
  const warnings: ScanWarning[] = [];
  // A configuration found here may be a scanned repository's own file: it then describes itself,
  // nothing more (config/trust.ts).
  const scannedPaths = options.paths.filter((p) => !isGitUrl(p)).map((p) => resolve(cwd, p));
  const trust = decideTrust(loaded, { named: options.config !== undefined, scannedPaths });
  const confined = confineConfig(loaded.config, trust, { label: configLabel, baseDir });
  const config = confined.config;
  for (const message of confined.warnings) warnings.push({ file: configLabel, message });

  let model = await loadModel();
  if (config.model) model = (await import('../model/validate.js')).applyOverrides(model, config.model, configLabel);
  // The configuration's own signals (docs/configuration.md "Your own signals"): detectors and model entries.
  let detectors: readonly Detector[] | 'all' = 'all';
  let signalFiles: readonly SignalFile[] | undefined;
  if (config.signals?.length) {
    const user = (await import('../signals/apply.js')).applyUserSignals(config.signals, baseDir, configLabel, model);
    model = user.model;
    detectors = [...(await import('../detectors/registry.js')).DETECTORS, ...user.detectors];
    signalFiles = user.files;
  }
  checkModelNames(config, model, configLabel);
  // In this order: a wrong `since` is reported before the end-of-life table is read.
  const limits: Limits = { ...DEFAULT_LIMITS, ...limitsFrom(config), ...options.limits };
  const since = parseSince(options.since ?? config.history.since, now);
  const readsHistory = options.history !== false && config.history.enabled !== false;
  const settings: DetectorSettings = config.eolTable
    ? { eolTable: await (await import('../config/eol-table.js')).loadEolTableFile({ path: config.eolTable, baseDir, configLabel }) }
    : {};
  return {
    config,
    configPath,
    baseDir,
    configLabel,
    trust,
    warnings,
    model,
    detectors,
    signalFiles,
    limits,
    since,
    readsHistory,
    settings,
  };
}
