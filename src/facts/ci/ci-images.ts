/**
 * Images CI jobs run in, CircleCI orb steps and Tekton catalog task references: what the shared
 * CI fact does not record. Shared by the scanning, build and push detectors.
 */
import { ciFacts, type CiUse } from './ci.js';
import { isRecord, objectsWhere } from '../k8s/k8s-objects.js';
import { CIRCLECI, JENKINSFILE, YAML_FILE, yamlFilesMatching } from '../files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';

/** A container image a CI job runs in or beside: GitLab `image`/`services`, Tekton steps, Jenkins pod templates… */
export interface CiImage {
  image: string;
  file: string;
  line: number;
  job?: string;
}

/**
 * Images named by CI pipelines. The shared CI fact records commands and reusable steps but not the
 * images jobs run in, and a kaniko or clair job is often only that: `image: gcr.io/kaniko-project/executor`.
 */
export function ciImages(repo: Repository): CiImage[] {
  return repo.memo('ciImages', () => {
    const images: CiImage[] = [];
    for (const pipeline of ciFacts(repo).pipelines) {
      if (pipeline.origin === 'tekton' || images.some((i) => i.file === pipeline.file)) continue;
      if (JENKINSFILE.test(pipeline.file) && !YAML_FILE.test(pipeline.file)) readJenkinsImages(repo, pipeline.file, images);
      else for (const document of repo.yaml(pipeline.file)) walkImages(document.value, pipeline.file, undefined, images, 0, true);
    }
    for (const object of objectsWhere(repo, (group) => group === 'tekton.dev')) walkImages(object.doc.spec, object.file, object.name, images, 0, false);
    return images;
  });
}

const IMAGE_KEYS = new Set(['image', 'services', 'container']);

/** Walks a pipeline document; top-level keys (or keys under `jobs`) name the job. */
function walkImages(node: unknown, file: string, job: string | undefined, images: CiImage[], depth: number, jobLevel: boolean): void {
  if (depth > 30) return;
  if (Array.isArray(node)) {
    for (const item of node) walkImages(item, file, job, images, depth + 1, false);
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (IMAGE_KEYS.has(key)) {
      for (const [image, line] of imagesOf(node, key, value)) images.push({ image, file, line, ...(job ? { job } : {}) });
    }
    // Cloud Build steps name the builder image in `name`.
    if (key === 'steps' && Array.isArray(value)) {
      value.forEach((step, index) => {
        if (isRecord(step) && typeof step.name === 'string' && /[/.]/.test(step.name) && (step.args !== undefined || step.entrypoint !== undefined || step.script !== undefined)) {
          images.push({ image: step.name, file, line: lineOf(step, 'name', lineOf(value, index)), ...(job ? { job } : {}) });
        }
      });
    }
    const nextJob = jobLevel && key !== 'jobs' ? key : job;
    walkImages(value, file, nextJob, images, depth + 1, jobLevel && key === 'jobs');
  }
}

function imagesOf(parent: Record<string, unknown>, key: string, value: unknown): [string, number][] {
  const line = lineOf(parent, key);
  if (typeof value === 'string') return [[value, line]];
  if (isRecord(value)) {
    const name = value.name ?? value.image;
    return typeof name === 'string' ? [[name, lineOf(value, value.name !== undefined ? 'name' : 'image', line)]] : [];
  }
  if (Array.isArray(value) && key === 'services') {
    const found: [string, number][] = [];
    value.forEach((item, index) => {
      const name = typeof item === 'string' ? item : isRecord(item) ? item.name ?? item.image : undefined;
      if (typeof name === 'string') found.push([name, lineOf(value, index, line)]);
    });
    return found;
  }
  return [];
}

/** Jenkins: `image 'x'` (docker agent), `docker.image('x')`, `image: x` inside a pod template string. */
function readJenkinsImages(repo: Repository, file: string, images: CiImage[]): void {
  const text = repo.text(file);
  if (text === undefined) return;
  let inBlockComment = false;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (inBlockComment) {
      if (line.includes('*/')) inBlockComment = false;
      return;
    }
    if (line.startsWith('/*')) {
      inBlockComment = !line.includes('*/');
      return;
    }
    if (line.startsWith('//') || line.startsWith('#')) return;
    const match = /(?:\bimage\s*[:=(]?\s*['"]|\bimage:\s+|docker\.image\(\s*['"])([\w.$/{}:@-]+)/.exec(line);
    if (match) images.push({ image: match[1]!, file, line: index + 1 });
  });
}

/** A CircleCI orb command run by a job or workflow: `aws-ecr/build-and-push-image` with the orb it comes from. */
export interface OrbStep {
  /** The orb as declared: "circleci/aws-ecr@9.0.4". */
  orb: string;
  /** The command or job within it: "build-and-push-image". */
  command: string;
  use: CiUse;
}

export function orbSteps(repo: Repository): OrbStep[] {
  return repo.memo('orbSteps', () => {
    const orbsByFile = new Map<string, Map<string, string>>();
    for (const file of yamlFilesMatching(repo, CIRCLECI)) {
      const aliases = new Map<string, string>();
      for (const document of repo.yaml(file.path)) {
        const orbs = isRecord(document.value) ? document.value.orbs : undefined;
        if (!isRecord(orbs)) continue;
        for (const [alias, ref] of Object.entries(orbs)) if (typeof ref === 'string') aliases.set(alias, ref);
      }
      orbsByFile.set(file.path, aliases);
    }
    const steps: OrbStep[] = [];
    for (const use of ciFacts(repo).uses) {
      if (use.origin !== 'circleci' || use.ref.includes('@')) continue;
      const slash = use.ref.indexOf('/');
      if (slash < 0) continue;
      const orb = orbsByFile.get(use.file)?.get(use.ref.slice(0, slash));
      if (orb) steps.push({ orb, command: use.ref.slice(slash + 1), use });
    }
    return steps;
  });
}

/** Tekton pipeline tasks by the catalog task they reference (`taskRef: {name: kaniko}`, or a hub/bundle resolver). */
export interface TektonTaskRef {
  name: string;
  file: string;
  line: number;
  params: Record<string, unknown>;
}

export function tektonTaskRefs(repo: Repository): TektonTaskRef[] {
  return repo.memo('tektonTaskRefs', () => {
    const refs: TektonTaskRef[] = [];
    for (const object of objectsWhere(repo, (group) => group === 'tekton.dev')) collectTaskRefs(object.doc.spec, object.file, refs, 0);
    return refs;
  });
}

function collectTaskRefs(node: unknown, file: string, refs: TektonTaskRef[], depth: number): void {
  if (depth > 20) return;
  if (Array.isArray(node)) {
    for (const item of node) collectTaskRefs(item, file, refs, depth + 1);
    return;
  }
  if (!isRecord(node)) return;
  const taskRef = node.taskRef;
  if (isRecord(taskRef)) {
    const name = typeof taskRef.name === 'string' ? taskRef.name : resolverName(taskRef.params);
    const params: Record<string, unknown> = {};
    if (Array.isArray(node.params)) for (const p of node.params) if (isRecord(p) && typeof p.name === 'string') params[p.name] = p.value;
    if (name) refs.push({ name, file, line: lineOf(node, 'taskRef'), params });
  }
  for (const value of Object.values(node)) collectTaskRefs(value, file, refs, depth + 1);
}

function resolverName(params: unknown): string | undefined {
  if (!Array.isArray(params)) return undefined;
  for (const p of params) if (isRecord(p) && p.name === 'name' && typeof p.value === 'string') return p.value;
  return undefined;
}
