/**
 * Every place CI pushes an image, with the registry it goes to. Shared by image-pipeline and nexus,
 * which ask the same question about different registries.
 */
import { ciFacts, type Command } from '../ci/ci.js';
import { ciReachableCommands } from '../ci/ci-reach.js';
import { uniquePlaces } from '../files/evidence.js';
import { isRecord } from '../k8s/k8s-objects.js';
import { CLOUDBUILD, JENKINSFILE, yamlFilesMatching } from '../files/paths.js';
import type { Repository } from '../../workspace/repository.js';
import { ciImages, orbSteps, tektonTaskRefs } from '../ci/ci-images.js';
import { fileRegistryHints, isLocalRegistry, registryHints, registryOfHost, registryOfReference, type RegistryName } from './registries.js';
import { runsTool, toolArgs } from '../ci/tool-runs.js';
import { pluginPushes } from './plugin-pushes.js';
import { goreleaserPushes } from './goreleaser-pushes.js';
import type { ImagePush } from './image-push.js';

export type { ImagePush } from './image-push.js';
import { memoKey } from '../../workspace/memo-key.js';

const IMAGE_PUSHES = memoKey<ImagePush[]>('imagePushes');
const SKAFFOLD_PUSH_OFF = memoKey<boolean>('skaffoldPushOff');

/** Every image push in CI: commands (with the scripts and make targets CI calls), actions, orbs, tasks. */
export function imagePushes(repo: Repository): ImagePush[] {
  return repo.memo(IMAGE_PUSHES, () => {
    const pushes: ImagePush[] = [];
    for (const command of ciReachableCommands(repo)) {
      const push = commandPush(repo, command);
      if (push && !(push.reference && isLocalRegistry(push.reference))) pushes.push(push);
    }
    pushes.push(...usePushes(repo), ...orbPushes(repo), ...tektonPushes(repo), ...cloudBuildPushes(repo), ...jenkinsPushes(repo), ...pluginPushes(repo));
    pushes.push(...goreleaserPushes(repo));
    return uniquePlaces(pushes);
  });
}

const at = (command: Command, method: string, reference?: string, implied?: RegistryName): ImagePush => ({
  file: command.file,
  line: command.line,
  ...(command.job ? { job: command.job } : {}),
  method,
  ...(reference ? { reference } : {}),
  ...(implied ? { implied } : {}),
});

/** Words of an argument string without flags (and the values of the flags named in `valued`). */
function positional(args: string, valued: RegExp = /^$/): string[] {
  const words = args.split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith('-')) {
      if (!word.includes('=') && valued.test(word)) i++;
      continue;
    }
    out.push(word.replace(/^["']|["']$/g, ''));
  }
  return out;
}

function flagValue(args: string, flag: RegExp): string | undefined {
  const re = new RegExp(`(?:^|\\s)(?:${flag.source})(?:=|\\s+)["']?([^\\s"']+)`);
  return re.exec(args)?.[1];
}

function commandPush(repo: Repository, command: Command): ImagePush | undefined {
  const text = command.text;
  for (const tool of ['docker', 'podman', 'buildah', 'nerdctl']) {
    for (const args of toolArgs(text, tool)) {
      const push = /^(?:image\s+|manifest\s+)?push\s+(.*)$/.exec(args);
      if (push) {
        const words = positional(push[1]!, /^(--authfile|--creds|--format|-f|--digestfile|--sign-by)$/);
        // buildah/podman push IMAGE [DESTINATION]: the destination names the registry.
        return at(command, `${tool} push`, words[words.length - 1]);
      }
      if (/^(?:buildx\s+)?(?:build|bake)\b/.test(args) && (/(^|\s)--push\b/.test(args) || /--output[= ]\S*type=(registry|image,[^\s]*push=true)/.test(args))) {
        return at(command, `${tool} buildx --push`, flagValue(args, /-t|--tag/));
      }
    }
  }
  if (/(^|\s)--destination[= ]/.test(text) && (/kaniko|(^|[\s/])executor\b/.test(text) || jobRunsKaniko(repo, command))) {
    return at(command, 'kaniko --destination', flagValue(text, /--destination/));
  }
  if (/\bgcloud\s+(beta\s+)?builds\s+submit\b/.test(text)) return at(command, 'gcloud builds submit', flagValue(text, /--tag|-t/), 'GCR/Artifact Registry');
  if (runsTool(text, 'ko', /^(build|publish|resolve|apply|create)\b(?!.*(--local|--push=false|-L\b))/)) return at(command, 'ko build');
  // Jib from Maven (`jib:build`, the plugin's full coordinates), Gradle (`jib`) or its CLI (`jib build --target`).
  const jibMaven = /\b(mvnw?|maven)\b.*\b(jib|jib-maven-plugin(:[\w.-]+)?):build\b/.test(text);
  if (jibMaven || /\bgradlew?\b.*\bjib\b(?!DockerBuild|BuildTar)/.test(text) || runsTool(text, 'jib', /^build\b/)) {
    return at(command, 'jib', flagValue(text, /-Djib\.to\.image|-Dimage|--image|--target/));
  }
  // Spring Boot's buildpacks build publishes when told to (`-Dspring-boot.build-image.publish=true`, `bootBuildImage --publishImage`).
  if (/\bspring-boot:build-image\b.*-Dspring-boot\.build-image\.publish=true/.test(text) || /\bbootBuildImage\b.*--publishImage\b/.test(text)) {
    return at(command, 'Spring Boot build-image --publish', flagValue(text, /-Dspring-boot\.build-image\.imageName|--imageName/));
  }
  if (/\baz\s+acr\s+build\b/.test(text)) {
    const registry = flagValue(text, /--registry|-r/);
    return at(command, 'az acr build', registry && !registry.includes('$') ? `${registry}.azurecr.io/` : undefined, 'ACR');
  }
  for (const args of toolArgs(text, 'docker-compose|docker\\s+compose|podman-compose')) if (/^push\b/.test(args)) return at(command, 'compose push');
  for (const args of toolArgs(text, 'skopeo')) {
    if (/^copy\b/.test(args)) {
      const target = positional(args).filter((w) => w.startsWith('docker://')).pop();
      if (target) return at(command, 'skopeo copy', target.slice('docker://'.length));
    }
  }
  for (const args of toolArgs(text, 'crane')) if (/^(push|copy|cp)\b/.test(args)) return at(command, `crane ${args.split(/\s/)[0]}`, positional(args).pop());
  for (const args of toolArgs(text, 'pack')) if (/^build\b.*--publish\b/.test(args)) return at(command, 'pack build --publish', positional(args)[1]);
  // skaffold build/run pushes whenever the kube-context is not a local cluster, as in CI, unless
  // told not to (--push=false, or `push: false` under build.local in skaffold.yaml).
  for (const args of toolArgs(text, 'skaffold')) {
    if (/^(build|run)\b/.test(args) && !/--push[= ]false\b/.test(args) && !skaffoldPushOff(repo)) return at(command, `skaffold ${args.split(/\s/)[0]}`, flagValue(args, /--default-repo|-d/));
  }
  return undefined;
}

/** Tekton or GitLab: a step whose image is kaniko and whose args carry `--destination`. */
function jobRunsKaniko(repo: Repository, command: Command): boolean {
  return ciImages(repo).some((i) => i.file === command.file && i.job === command.job && /kaniko/.test(i.image));
}

/** Actions and Azure tasks that build and push. */
function usePushes(repo: Repository): ImagePush[] {
  const pushes: ImagePush[] = [];
  for (const use of ciFacts(repo).uses) {
    const ref = use.ref;
    const w = use.with ?? {};
    const base = { file: use.file, line: use.line, ...(use.job ? { job: use.job } : {}) };
    const tags = typeof w.tags === 'string' ? w.tags.split(/[\s,]+/).find((t) => t !== '') : undefined;
    if (/^docker\/(build-push|bake)-action@/i.test(ref)) {
      const push = isTrue(w.push) || (typeof w.outputs === 'string' && /type=registry|push=true/.test(w.outputs));
      if (push) pushes.push({ ...base, method: ref.split('@')[0]!, ...(tags ? { reference: tags } : {}) });
    } else if (/^(redhat-actions\/push-to-registry|elgohr\/Publish-Docker-Github-Action|mr-smithers-excellent\/docker-build-push|whoan\/docker-build-with-cache-action|aevea\/action-kaniko)@/i.test(ref)) {
      const registry = typeof w.registry === 'string' ? w.registry : undefined;
      pushes.push({ ...base, method: ref.split('@')[0]!, ...(registry ? { reference: `${registry}/` } : {}) });
    } else if (/^int128\/kaniko-action@/i.test(ref) && isTrue(w.push)) {
      pushes.push({ ...base, method: 'int128/kaniko-action', ...(tags ? { reference: tags } : {}) });
    } else if (/^(macbre\/push-to-ghcr|pmorelli92\/github-container-registry-build-push|VaultVulp\/gp-docker-action)@/i.test(ref)) {
      pushes.push({ ...base, method: ref.split('@')[0]!, implied: 'GHCR' });
    } else if (/^Docker@2$/i.test(ref)) {
      // Docker@2 builds and pushes when `command` is omitted.
      const command = typeof w.command === 'string' ? w.command : 'buildAndPush';
      if (/^(buildAndPush|push)$/i.test(command)) pushes.push({ ...base, method: `Docker@2 ${command}`, ...(typeof w.repository === 'string' ? { reference: w.repository } : {}) });
    } else if (/^Docker@[01]$/i.test(ref)) {
      const action = w.command ?? w.action;
      if (typeof action === 'string' && /push/i.test(action)) pushes.push({ ...base, method: `${ref} ${action}` });
    } else if (use.origin === 'bitbucket-pipelines' && /^[\w.-]+\/[\w.-]*(push-image|image-push|docker-push)[\w.-]*(:|$)/i.test(ref)) {
      // Bitbucket pipes that push what the step built: atlassian/aws-ecr-push-image, …/azure-acr-push-image.
      const implied = /ecr/i.test(ref) ? 'ECR' : /acr/i.test(ref) ? 'ACR' : /gcr|artifact-registry/i.test(ref) ? 'GCR/Artifact Registry' : undefined;
      pushes.push({ ...base, method: `Bitbucket pipe ${ref.split(':')[0]}`, ...(implied ? { implied } : {}) });
    } else if (/(^|\/)(Auto-DevOps|Jobs\/Build)\.gitlab-ci\.yml$/i.test(ref)) {
      pushes.push({ ...base, method: 'GitLab Auto DevOps build', implied: 'GitLab registry' });
    } else {
      const image = actionPushedImage(w);
      if (image !== undefined) pushes.push({ ...base, method: `${ref.split('@')[0]!} push`, reference: image });
    }
  }
  return pushes;
}

/** Inputs that name the image an action builds: devcontainers/ci `imageName`, `image`, `image_name`, `tags`. */
const IMAGE_INPUTS = ['imageName', 'image', 'image_name', 'image-name', 'images', 'tags'];
/** Inputs that tell it to push or publish: `push: always` (devcontainers/ci), `push: true`, `publish: true`. */
const PUSH_INPUTS = ['push', 'publish'];

/**
 * Any other action handed an image name and told to push or publish it pushes that image, whatever
 * it is called: devcontainers/ci with `imageName` and `push: always` (or `filter`, its default),
 * ilteoood/docker_buildx with `publish: true`. An action without an image input (a git push, a
 * chart push) or with `push: never`/`false` pushes no image.
 */
function actionPushedImage(w: Record<string, unknown>): string | undefined {
  if (!PUSH_INPUTS.some((key) => isTrue(w[key]))) return undefined;
  for (const key of IMAGE_INPUTS) {
    const value = w[key];
    const first = typeof value === 'string' ? value.split(/[\s,]+/).find((t) => t !== '') : undefined;
    // An image reference: a name with a slash or a tag, never a sentence or a path to a chart.
    if (first !== undefined && /^[\w.${}-]+(:\d+)?\/[\w./${}-]+(:[\w.${}-]+)?$|^[\w${}-]+:[\w.${}-]+$/.test(first)) return first;
  }
  return undefined;
}

/** `push: true`, `push: ${{ github.event_name != 'pull_request' }}`, `push: always`: anything but an explicit false or `never`. */
function isTrue(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && value.trim() !== '' && !/^(false|no|0|never)$/i.test(value.trim());
}

const ORB_REGISTRY: [RegExp, RegistryName | undefined][] = [
  [/^circleci\/aws-ecr@/, 'ECR'],
  [/^circleci\/gcp-gcr@/, 'GCR/Artifact Registry'],
  [/^circleci\/azure-acr@/, 'ACR'],
  [/^circleci\/docker@/, undefined],
];

function orbPushes(repo: Repository): ImagePush[] {
  const pushes: ImagePush[] = [];
  for (const { orb, command, use } of orbSteps(repo)) {
    const known = ORB_REGISTRY.find(([re]) => re.test(orb));
    if (!known || !/(^|[-_])(push|publish)([-_]|$)/.test(command)) continue;
    const registry = use.with?.registry;
    const implied = known[1] ?? (typeof registry === 'string' ? registryOfHost(registry) : 'Docker Hub');
    pushes.push({ file: use.file, line: use.line, ...(use.job ? { job: use.job } : {}), method: `${orb.split('@')[0]} ${command}`, ...(implied ? { implied } : {}) });
  }
  return pushes;
}

/** Tekton catalog tasks that build and push the image named by their IMAGE param. */
function tektonPushes(repo: Repository): ImagePush[] {
  const pushes: ImagePush[] = [];
  for (const ref of tektonTaskRefs(repo)) {
    if (!/^(kaniko|buildah|buildpacks|buildpacks-phases|s2i|jib-maven|jib-gradle|ko|docker-build|build-push)$/.test(ref.name)) continue;
    const image = ref.params.IMAGE ?? ref.params.image;
    pushes.push({ file: ref.file, line: ref.line, method: `Tekton task ${ref.name}`, ...(typeof image === 'string' ? { reference: image } : {}) });
  }
  return pushes;
}

/** Cloud Build pushes the images listed under `images:` when the build succeeds. */
function cloudBuildPushes(repo: Repository): ImagePush[] {
  const pushes: ImagePush[] = [];
  for (const file of yamlFilesMatching(repo, CLOUDBUILD)) {
    for (const document of repo.yaml(file.path)) {
      const doc = document.value;
      if (!isRecord(doc) || !Array.isArray(doc.images) || !Array.isArray(doc.steps)) continue;
      const first = doc.images.find((i) => typeof i === 'string');
      pushes.push({
        file: file.path,
        line: repo.lineOfText(file.path, /^images\s*:/m),
        method: 'Cloud Build images',
        ...(typeof first === 'string' ? { reference: first } : {}),
        implied: 'GCR/Artifact Registry',
      });
    }
  }
  return pushes;
}

/** Jenkins Docker Pipeline: `docker.build(…)` (or `docker.build x`) then `image.push()`, often inside `docker.withRegistry(url)`. */
function jenkinsPushes(repo: Repository): ImagePush[] {
  const pushes: ImagePush[] = [];
  for (const file of repo.filesMatching(JENKINSFILE)) {
    const text = repo.text(file.path);
    // Groovy calls without parentheses too: `docker.build registry + ":latest"`.
    if (text === undefined || !/docker\.(build|image)(\s*\(|\s+[\w'"$])/.test(text)) continue;
    let registry: string | undefined;
    let inBlockComment = false;
    text.split('\n').forEach((raw, index) => {
      const line = raw.trim();
      if (inBlockComment) {
        inBlockComment = !line.includes('*/');
        return;
      }
      if (line.startsWith('/*')) {
        inBlockComment = !line.includes('*/');
        return;
      }
      if (line.startsWith('//')) return;
      const withRegistry = /docker\.withRegistry\s*\(\s*['"]([^'"]*)['"]/.exec(line);
      if (withRegistry) registry = withRegistry[1];
      if (/\.push\s*\(/.test(line) && !/\b(git|list|array|stack|\w+List)\.push/i.test(line)) {
        pushes.push({ file: file.path, line: index + 1, method: 'Jenkins docker.push()', ...(registry ? { reference: `${registry.replace(/^https?:\/\//, '')}/` } : {}) });
      }
    });
  }
  return pushes;
}

/** The registries a push goes to: named by the push itself, else the job's login steps, else the pipeline file. */
export function pushRegistries(repo: Repository, push: ImagePush): RegistryName[] {
  const direct = push.implied ?? (push.reference ? registryOfReference(repo, push.file, push.reference) : undefined);
  if (direct) return [direct];
  const names = registryHints(repo, push.file, push.job);
  return names.length > 0 ? names : fileRegistryHints(repo, push.file);
}

/** A skaffold.yaml whose local builder is told not to push (`build: { local: { push: false } }`). */
function skaffoldPushOff(repo: Repository): boolean {
  return repo.memo(SKAFFOLD_PUSH_OFF, () =>
    repo.filesMatching(/(^|\/)skaffold[^/]*\.ya?ml$/i).some((file) =>
      repo.yaml(file.path).some(({ value }) => isRecord(value) && isRecord(value.build) && isRecord(value.build.local) && value.build.local.push === false),
    ),
  );
}
