import type { Detector } from '../detectors/detector.js';
import type { SignalFile } from '../signals/schema.js';

/**
 * The detectors a worker thread scans with: the registry's (`all`), or those and a configuration's
 * own signals, built from their files (data: a worker cannot receive the main thread's detectors).
 * Built once per thread for a set of files (every job of a run brings the same set).
 */
let userSet: { key: string; detectors: Promise<readonly Detector[]> } | undefined;
export function detectorsFor(files: readonly SignalFile[] | undefined): Promise<readonly Detector[]> | 'all' {
  if (files === undefined) return 'all';
  const key = JSON.stringify(files);
  if (userSet?.key !== key) {
    const modules = Promise.all([import('../detectors/registry.js'), import('../detectors/footprint-detector.js')]);
    const detectors = modules.then(([{ DETECTORS }, { userDetectors }]) => [...DETECTORS, ...userDetectors(files)]);
    userSet = { key, detectors };
  }
  return userSet.detectors;
}
