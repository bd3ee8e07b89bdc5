import { findComponent } from '../../facts/component.js';
import { defineDetector } from '../detector.js';
import { firstPerFile, ownEvidence } from '../k8s-manifests/evidence-filters.js';
import { definition } from './definition.js';

/** Files with many Tasks (a catalog, a release manifest) are one place each. */
export const detector = defineDetector(definition, (repo) =>
  firstPerFile(ownEvidence(findComponent(repo, definition.component))),
);
