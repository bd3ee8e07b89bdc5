import type { FileEvidence } from '../../core/types.js';
import { DOCKERFILE } from '../../facts/files/paths.js';
import { isTestImagePath } from '../../facts/files/paths.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

const CI_ACTION_FOLDER = /(^|\/)\.github\//;

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(DOCKERFILE)) {
    // `Dockerfile.md` is a page about Dockerfiles; test fixtures (tests/Dockerfile) belong to the code under test.
    if (isTestImagePath(file.path)) continue;
    // A Docker container action kept with the workflows (.github/actions/bump/Dockerfile) is the CI's
    // own machinery: it runs on the runner, it is not how the service is shipped.
    if (CI_ACTION_FOLDER.test(file.path)) continue;
    const first = repo.dockerfile(file.path)?.stages.find((stage) => stage.written !== '');
    if (first) evidence.push({ file: file.path, line: first.line, detail: `FROM ${first.written}` });
  }
  return evidence;
});
