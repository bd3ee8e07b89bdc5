/**
 * Drone and Woodpecker push images through plugin steps: a step whose `image` is the docker,
 * buildx or kaniko plugin and whose `settings.repo` names the image pushes it, unless the step says
 * `dry_run: true` (a build-only check, common on pull requests).
 */
import { isRecord } from '../k8s/k8s-objects.js';
import { ciPipelineFiles } from '../files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import type { ImagePush } from './image-push.js';

/** plugins/docker, plugins/kaniko, woodpeckerci/plugin-docker-buildx, thegeeklab/drone-docker-buildx, … with any tag or registry. */
const PUSH_PLUGIN = /(^|\/)(plugins\/(docker|kaniko|buildx|ecr|gcr|acr)|[^/:]*plugin-(docker-buildx|docker|kaniko|buildx)|drone-(docker-buildx|docker|kaniko|buildx))(:[^/]*|@[^/]+)?$/i;

export function pluginPushes(repo: Repository): ImagePush[] {
  const pushes: ImagePush[] = [];
  for (const [file, system] of ciPipelineFiles(repo)) {
    if (system !== 'drone' && system !== 'woodpecker') continue;
    for (const document of repo.yaml(file)) {
      const doc = document.value;
      for (const { name, step } of stepsOf(doc)) {
        if (!isRecord(step) || typeof step.image !== 'string' || !PUSH_PLUGIN.test(step.image)) continue;
        const settings = isRecord(step.settings) ? step.settings : undefined;
        if (!settings || settings.dry_run === true || settings.dry_run === 'true') continue;
        const target = Array.isArray(settings.repo) ? settings.repo.find((r) => typeof r === 'string') : settings.repo;
        if (typeof target !== 'string') continue;
        const plugin = step.image.replace(/^.*\//, '').replace(/[:@].*$/, '');
        const registry = typeof settings.registry === 'string' ? settings.registry.replace(/^https?:\/\//, '').replace(/\/.*$/, '') : undefined;
        // A repo with a comma is Woodpecker's list-as-string ("a/b,quay.io/a/b"): the first one is enough.
        const first = target.split(',')[0]!.trim();
        pushes.push({
          file,
          line: lineOf(settings, 'repo', lineOf(step, 'image')),
          ...(name ? { job: name } : {}),
          method: `${system === 'drone' ? 'Drone' : 'Woodpecker'} ${plugin} plugin`,
          reference: registry && !first.startsWith(registry) ? `${registry}/${first}` : first,
        });
      }
    }
  }
  return pushes;
}

/** Steps as a list (Drone, older Woodpecker) or a mapping by name (Woodpecker). */
function stepsOf(doc: unknown): { name?: string; step: unknown }[] {
  if (!isRecord(doc)) return [];
  if (Array.isArray(doc.steps)) return doc.steps.map((step) => (isRecord(step) && typeof step.name === 'string' ? { name: step.name, step } : { step }));
  if (isRecord(doc.steps)) return Object.entries(doc.steps).map(([name, step]) => ({ name, step }));
  return [];
}
