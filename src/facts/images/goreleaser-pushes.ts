/**
 * GoReleaser builds and pushes the images its configuration lists (`dockers:`, `docker_manifests:`,
 * `dockers_v2:`, `kos:`) when CI runs a release: `goreleaser release` (or plain `goreleaser`, whose
 * default command is release) or the goreleaser action with release args. A snapshot or a release
 * told to skip publishing pushes nothing.
 */
import { ciFacts } from '../ci/ci.js';
import { ciReachableCommands } from '../ci/ci-reach.js';
import { toolArgs } from '../ci/tool-runs.js';
import { isRecord } from '../k8s/k8s-objects.js';
import { yamlFilesMatching } from '../files/paths.js';
import type { Repository } from '../../workspace/repository.js';
import type { ImagePush } from './image-push.js';

const GORELEASER_CONFIG = /(^|\/)\.?goreleaser(\.[\w-]+)?\.ya?ml$/i;
const IMAGE_SECTIONS = ['dockers', 'dockers_v2', 'docker_manifests', 'kos'] as const;
/** Flags that keep a release from publishing anything. */
const NO_PUBLISH = /--snapshot\b|--skip-publish\b|--skip[= ]["']?[\w,]*\b(publish|docker)\b/;
const GORELEASER_ACTION = /^goreleaser\/goreleaser(-cross)?-action@/i;

/** Where CI releases with GoReleaser, when its configuration publishes images. */
export function goreleaserPushes(repo: Repository): ImagePush[] {
  const image = configuredImage(repo);
  if (image === undefined) return [];
  const method = `goreleaser release (${image.section} in ${image.file})`;
  const reference = image.reference !== undefined && !image.reference.includes('{{') ? { reference: image.reference } : {};
  const pushes: ImagePush[] = [];
  for (const command of ciReachableCommands(repo)) {
    for (const args of toolArgs(command.text, 'goreleaser')) {
      if (!/^(release\b|--|$)/.test(args) || NO_PUBLISH.test(args)) continue;
      pushes.push({ file: command.file, line: command.line, ...(command.job ? { job: command.job } : {}), method, ...reference });
    }
  }
  for (const use of ciFacts(repo).uses) {
    if (!GORELEASER_ACTION.test(use.ref)) continue;
    const args = typeof use.with?.args === 'string' ? use.with.args.trim() : 'release';
    if (!/^release\b/.test(args) || NO_PUBLISH.test(args)) continue;
    pushes.push({ file: use.file, line: use.line, ...(use.job ? { job: use.job } : {}), method, ...reference });
  }
  return pushes;
}

/** The first image section of a GoReleaser configuration, and the first image it names. */
function configuredImage(repo: Repository): { file: string; section: string; reference?: string } | undefined {
  for (const file of yamlFilesMatching(repo, GORELEASER_CONFIG)) {
    for (const { value } of repo.yaml(file.path)) {
      if (!isRecord(value)) continue;
      for (const section of IMAGE_SECTIONS) {
        const entries = value[section];
        if (!Array.isArray(entries) || entries.length === 0) continue;
        return { file: file.path, section, reference: firstImage(entries) };
      }
    }
  }
  return undefined;
}

function firstImage(entries: unknown[]): string | undefined {
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const templates = entry.image_templates ?? entry.images;
    if (Array.isArray(templates) && typeof templates[0] === 'string') return templates[0];
    if (typeof entry.name_template === 'string') return entry.name_template;
    if (typeof entry.repository === 'string') return entry.repository;
  }
  return undefined;
}
