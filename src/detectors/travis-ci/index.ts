import type { Detector } from '../detector.js';
import { footprintDetector } from '../footprint-detector.js';
import { BUILTIN_SIGNAL_FILES } from '../signal-files.js';
import { isLeftoverTravis } from './leftover.js';

const footprint = footprintDetector(BUILTIN_SIGNAL_FILES['travis-ci']!);

/** signal.yaml finds the .travis.yml; a leftover one, where another CI took over, is not a build that runs. */
export const detector: Detector = {
  ...footprint,
  detect: (repo) => ({ evidence: footprint.detect(repo).evidence.filter((e) => !('file' in e) || !isLeftoverTravis(repo, e.file)) }),
};
