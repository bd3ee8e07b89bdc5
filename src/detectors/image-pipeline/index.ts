import type { FileEvidence } from '../../core/types.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { imagePushes, pushRegistries } from '../../facts/images/image-pushes.js';

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const push of imagePushes(repo)) {
    const registries = pushRegistries(repo, push);
    const where = registries.length > 0 ? registries.join(' and ') : 'a registry not named in the pipeline';
    evidence.push({ file: push.file, line: push.line, detail: `pushes image to ${where} (${push.method})` });
  }
  return evidence;
});
