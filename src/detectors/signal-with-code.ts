/**
 * A built-in signal whose signal.yaml says everything that is data (name, category, texts, its
 * footprint) and whose index.ts adds only what a footprint cannot say: an annotation's value, a
 * chart value, the shape of a file. The footprint is found exactly as for any signal file (the
 * format users write); the code's evidence joins it, one evidence per place.
 */
import type { FileEvidence } from '../core/types.js';
import { firstPerFile, uniqueEvidence } from '../facts/files/evidence.js';
import type { SignalDefinition } from '../signals/schema.js';
import type { Repository } from '../workspace/repository.js';
import type { Detector } from './detector.js';
import { footprintDetector } from './footprint-detector.js';
import { BUILTIN_SIGNAL_FILES } from './signal-files.js';

/**
 * `code` gets what the footprint found, for rules such as "a generic file counts only beside other
 * evidence". Its evidence comes first, as in the detectors it replaced; where a place shows twice,
 * the code's detail is kept.
 */
export function signalWithCode(id: string, code: (repo: Repository, footprint: readonly FileEvidence[]) => FileEvidence[]): Detector {
  const file = BUILTIN_SIGNAL_FILES[id];
  if (file === undefined) throw new Error(`src/detectors/${id}/signal.yaml is missing`);
  const footprint = footprintDetector(file);
  // `onePlacePerFile` holds for the code's evidence too (an Argo CD install file read by both).
  const places = (file.definition as SignalDefinition).onePlacePerFile ? firstPerFile : (evidence: FileEvidence[]) => evidence;
  return {
    ...footprint,
    detect: (repo) => {
      const found = footprint.detect(repo).evidence;
      return { evidence: places(uniqueEvidence([...code(repo, found), ...found])) };
    },
  };
}
