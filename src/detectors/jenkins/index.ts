import { findComponent } from '../../facts/tools/component.js';
import { withoutSamples } from '../../facts/files/sample-paths.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { cascFiles, jenkinsImages } from './jcasc.js';
import { jenkinsfiles, namedPipelines, sharedLibrarySteps } from './jenkinsfiles.js';

export const detector = defineDetector(definition, (repo) => [
  ...jenkinsfiles(repo),
  ...namedPipelines(repo),
  ...sharedLibrarySteps(repo),
  ...cascFiles(repo),
  ...jenkinsImages(repo),
  ...withoutSamples(findComponent(repo, definition.component)),
]);
