import type { FileEvidence } from '../../core/types.js';
import { DOCKERFILE } from '../../facts/files/paths.js';
import { isTestImagePath } from '../../facts/files/paths.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(DOCKERFILE)) {
    // `Dockerfile.md` is a page about Dockerfiles; test fixtures (tests/Dockerfile) belong to the code under test.
    if (isTestImagePath(file.path)) continue;
    const first = repo.dockerfile(file.path)?.stages.find((stage) => stage.written !== '');
    if (first) evidence.push({ file: file.path, line: first.line, detail: `FROM ${first.written}` });
  }
  return evidence;
});
