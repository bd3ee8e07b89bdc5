import { findComponent } from '../../facts/component.js';
import { defineDetector } from '../detector.js';
import { crdsOfGroup, uniqueEvidence } from '../istio/metadata.js';
import { definition } from './definition.js';

export const detector = defineDetector(definition, (repo) => uniqueEvidence([...findComponent(repo, definition.component), ...crdsOfGroup(repo, /^bitnami\.com$/)]));
