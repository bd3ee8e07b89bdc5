/**
 * A configuration's own signals put to work: detectors for the scan, and the model told about them
 * (each joins the model's signals with its category, and the capability it names, if any, accepts
 * it as one more alternative). Loaded only when a configuration defines signals.
 */
import { ConfigError } from '../config/load.js';
import { DEFINITIONS } from '../detectors/definitions.js';
import type { Detector } from '../detectors/detector.js';
import { userDetectors } from '../detectors/footprint-detector.js';
import type { MaturityModel } from '../model/types.js';
import { suggest } from '../model/validate.js';
import type { SignalDefinition, SignalFile } from './schema.js';
import { SignalConfigError, userSignalFiles } from './user-signals.js';

export interface UserSignals {
  detectors: Detector[];
  /** The definitions as data, for worker threads to build the same detectors. */
  files: SignalFile[];
  model: MaturityModel;
}

export function applyUserSignals(entries: readonly unknown[], baseDir: string, label: string, model: MaturityModel): UserSignals {
  let files;
  try {
    files = userSignalFiles(entries, baseDir, label);
  } catch (error) {
    if (error instanceof SignalConfigError) throw new ConfigError('CONFIG_INVALID', error.message.split('\n'));
    throw error;
  }
  const builtIn = new Set([...DEFINITIONS.map((d) => d.id), ...model.signals.map((s) => s.id)]);
  const capabilities = new Set(model.capabilities.map((c) => c.id));
  const copy: MaturityModel = structuredClone(model);
  for (const file of files) {
    const signal = file.definition as SignalDefinition;
    if (builtIn.has(signal.id)) throw new ConfigError('CONFIG_INVALID', [`${file.definedIn}: id: "${signal.id}" is a built-in signal: give your signal its own id (e.g. "${signal.id}-internal")`]);
    if (signal.capability !== undefined && !capabilities.has(signal.capability)) {
      throw new ConfigError('CONFIG_INVALID', [`${file.definedIn}: capability: no capability "${signal.capability}"${suggest(signal.capability, capabilities)}; see docs/signals.md for the ids`]);
    }
    copy.signals.push({ id: signal.id, name: signal.name, kind: signal.kind, ...(signal.category ? { category: signal.category } : {}) });
    const capability = copy.capabilities.find((c) => c.id === signal.capability);
    if (capability) capability.alternatives = [...capability.alternatives, [signal.id]];
  }
  return { detectors: userDetectors(files), files, model: copy };
}
