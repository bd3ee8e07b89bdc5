import { findComponent } from '../../facts/component.js';
import { defineDetector } from '../detector.js';
import { firstPerFile, ownEvidence } from '../k8s-manifests/evidence-filters.js';
import { definition } from './definition.js';

/** gotk-components.yaml alone holds a dozen CRDs and controllers: one place per file. */
export const detector = defineDetector(definition, (repo) =>
  firstPerFile(ownEvidence(findComponent(repo, definition.component))).map((e) =>
    e.detail === 'configuration file' ? { ...e, detail: 'Flux install (gotk-components.yaml)' } : e,
  ),
);
