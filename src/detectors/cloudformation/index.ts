import type { FileEvidence } from '../../core/types.js';
import { ownPlaces } from '../../facts/files/text-lines.js';
import { signalWithCode } from '../signal-with-code.js';
import { cfnTemplates } from '../../facts/iac/cloudformation.js';

export const detector = signalWithCode('cloudformation', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const template of cfnTemplates(repo)) {
    const kind = template.sam ? 'SAM template' : 'CloudFormation template';
    evidence.push({ file: template.file, line: template.line, detail: `${kind} (${template.resources.length} resources)` });
  }
  return ownPlaces(evidence);
});
