import { isSamplePath } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';
import { pipelineFiles } from './pipelines.js';

/** signal.yaml holds the footprint; code recognises pipelines by their stages' Spinnaker types. */
export const detector = signalWithCode('spinnaker', (repo) => pipelineFiles(repo).filter((e) => !isSamplePath(e.file)));
