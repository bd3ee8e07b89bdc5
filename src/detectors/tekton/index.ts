import { findComponent } from '../../facts/tools/component.js';
import { withoutSamples } from '../../facts/files/sample-paths.js';
import { defineDetector } from '../detector.js';
import { firstPerFile } from '../../facts/files/evidence.js';
import { definition } from './definition.js';

/** Files with many Tasks (a catalog, a release manifest) are one place each. */
export const detector = defineDetector(definition, (repo) =>
  firstPerFile(withoutSamples(findComponent(repo, definition.component))),
);
