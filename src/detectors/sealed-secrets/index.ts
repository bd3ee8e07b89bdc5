import { findComponent } from '../../facts/tools/component.js';
import { defineDetector } from '../detector.js';
import { uniqueEvidence } from '../../facts/files/evidence.js';
import { crdsOfGroup } from '../../facts/k8s/crds.js';
import { definition } from './definition.js';

export const detector = defineDetector(definition, (repo) => uniqueEvidence([...findComponent(repo, definition.component), ...crdsOfGroup(repo, /^bitnami\.com$/)]));
