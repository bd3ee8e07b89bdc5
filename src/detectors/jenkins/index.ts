import { findComponent } from '../../facts/component.js';
import { defineDetector } from '../detector.js';
import { ownEvidence } from '../k8s-manifests/evidence-filters.js';
import { definition } from './definition.js';
import { cascFiles, jenkinsImages } from './jcasc.js';
import { jenkinsfiles, sharedLibrarySteps } from './jenkinsfiles.js';

export const detector = defineDetector(definition, (repo) => [
  ...jenkinsfiles(repo),
  ...sharedLibrarySteps(repo),
  ...cascFiles(repo),
  ...jenkinsImages(repo),
  ...ownEvidence(findComponent(repo, definition.component)),
]);
