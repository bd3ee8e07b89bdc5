import { findComponent } from '../../facts/tools/component.js';
import { withoutSamples } from '../../facts/files/sample-paths.js';
import { defineDetector } from '../detector.js';
import { firstPerFile } from '../../facts/files/evidence.js';
import { definition } from './definition.js';

/** gotk-components.yaml alone holds a dozen CRDs and controllers: one place per file. */
export const detector = defineDetector(definition, (repo) =>
  firstPerFile(withoutSamples(findComponent(repo, definition.component))).map((e) =>
    e.detail === 'configuration file' ? { ...e, detail: 'Flux install (gotk-components.yaml)' } : e,
  ),
);
