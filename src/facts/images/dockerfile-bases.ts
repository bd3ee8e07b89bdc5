/**
 * The image a Dockerfile ships: teams package a tool by building FROM its image (a custom Grafana
 * with plugins, a Fluentd with output gems). Shared because several tool detectors count that.
 */
import type { FileEvidence } from '../../core/types.js';
import { parseImage } from './images.js';
import { isOwnUse } from '../files/own-use.js';
import { DOCKERFILE } from '../files/paths.js';
import type { Repository } from '../../workspace/repository.js';

/** The last stage of each Dockerfile (the image that ships) when it is built on one of `images`. */
export function finalStageBases(repo: Repository, images: RegExp[]): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(DOCKERFILE)) {
    if (!isOwnUse(file.path)) continue;
    const last = repo.dockerfile(file.path)?.stages.at(-1);
    if (!last || last.internal || last.image === '') continue;
    const { path } = parseImage(last.image);
    if (images.some((re) => re.test(path))) evidence.push({ file: file.path, line: last.line, detail: `image built FROM ${last.image}` });
  }
  return evidence;
}
