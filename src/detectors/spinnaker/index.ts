import type { FileEvidence } from '../../core/types.js';
import { findComponent } from '../../facts/tools/component.js';
import { withoutSamples } from '../../facts/files/sample-paths.js';
import { defineDetector } from '../detector.js';
import { firstPerFile } from '../../facts/files/evidence.js';
import { definition } from './definition.js';
import { pipelineFiles } from './pipelines.js';

export const detector = defineDetector(definition, (repo) => {
  const component = findComponent(repo, definition.component).map((e) => (e.detail === 'configuration file' ? { ...e, detail: /\.hal\/config$/.test(e.file) ? 'Halyard configuration' : 'Armory dinghyfile (pipelines as code)' } : e));
  const evidence: FileEvidence[] = [...pipelineFiles(repo), ...component];
  return firstPerFile(withoutSamples(evidence));
});
