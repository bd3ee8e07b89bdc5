import type { FileEvidence } from '../../core/types.js';
import { deployedImages, type ImageRef } from '../../facts/images/images.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import type { Repository } from '../../workspace/repository.js';
import { isTemplated } from '../../parse/helm-template.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { replacedImageNames } from './replaced-images.js';

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  const replaced = replacedImageNames(repo);
  for (const ref of deployedImages(repo)) {
    if (ref.templated || isTemplated(ref.image) || ref.image.includes('$') || ref.image.startsWith('ko://')) continue;
    const { registry, path, tag, digest } = ref.parsed;
    if (digest !== '' || path === '') continue;
    if (tag !== '' && tag.toLowerCase() !== 'latest') continue;
    // An untagged image in chart values is not :latest: charts default the tag to their appVersion
    // (`tag: ""`), or take it from a key beside it (`image: acme/api` with `tag: 1cb554f`).
    if (ref.context === 'values' && tag === '') continue;
    // The build tool rewrites these references with the tag it just built.
    if (replaced.has(path) || replaced.has(`${registry}/${path}`.toLowerCase())) continue;
    if (ref.context === 'compose' && builtLocally(repo, ref)) continue;
    evidence.push({ file: ref.file, line: ref.line, detail: `image ${ref.image} (${tag === '' ? 'no tag' : 'latest tag'}, ${ref.context})` });
  }
  return evidence;
});

/** A compose service with `build:` tags its image itself; no registry's :latest is pulled. */
function builtLocally(repo: Repository, ref: ImageRef): boolean {
  for (const document of repo.yaml(ref.file)) {
    const services = isRecord(document.value) ? document.value.services : undefined;
    if (!isRecord(services)) continue;
    for (const service of Object.values(services)) {
      if (isRecord(service) && service.image === ref.image && service.build !== undefined) return true;
    }
  }
  return false;
}
