import { defineDetector } from '../detector.js';
import { detectTool } from '../prometheus/observability-facts.js';
import { definition } from './definition.js';

export const detector = defineDetector(definition, (repo) => detectTool(repo, definition.component, { dockerBases: true }));
