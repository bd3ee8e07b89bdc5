import { findComponent } from '../../facts/component.js';
import { defineDetector } from '../detector.js';
import { uniqueEvidence } from '../../facts/evidence.js';
import { crdsOfGroup } from '../../facts/crds.js';
import { definition } from './definition.js';

export const detector = defineDetector(definition, (repo) => uniqueEvidence([...findComponent(repo, definition.component), ...crdsOfGroup(repo, /^bitnami\.com$/)]));
