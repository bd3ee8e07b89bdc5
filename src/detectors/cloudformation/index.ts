import type { FileEvidence } from '../../core/types.js';
import { findComponent } from '../../facts/tools/component.js';
import { ownPlaces } from '../../facts/files/text-lines.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { cfnTemplates } from '../../facts/iac/cloudformation.js';

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const template of cfnTemplates(repo)) {
    const kind = template.sam ? 'SAM template' : 'CloudFormation template';
    evidence.push({ file: template.file, line: template.line, detail: `${kind} (${template.resources.length} resources)` });
  }
  evidence.push(...findComponent(repo, definition.component));
  return ownPlaces(evidence);
});
