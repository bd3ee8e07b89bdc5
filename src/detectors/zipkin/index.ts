import { defineDetector } from '../detector.js';
import { detectTool } from '../../facts/tool-evidence.js';
import { definition } from './definition.js';

export const detector = defineDetector(definition, (repo) => detectTool(repo, definition.component, { dockerBases: true }));
