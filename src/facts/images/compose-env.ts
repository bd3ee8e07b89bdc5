/**
 * Compose images pinned in a `.env` file: the shared images fact leaves `${VAR}` unresolved, so a
 * stack whose versions live in `.env` would otherwise go unseen by every image-based detector.
 */
import type { FileEvidence } from '../../core/types.js';
import { parseImage } from './images.js';
import { isRecord } from '../k8s/k8s-objects.js';
import { isOwnUse } from '../files/own-use.js';
import { COMPOSE_FILE, yamlFilesMatching } from '../files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';

/**
 * Compose services whose image is a variable (`image: ${PROMETHEUS_IMAGE}`), resolved from the
 * `.env` file beside the compose file (which Compose reads by default) or the `${VAR:-default}`
 * default. The shared images fact keeps these as unresolved, so a whole observability stack
 * pinned in `.env` would otherwise go unseen.
 */
export function composeImagesFromEnv(repo: Repository, images: RegExp[]): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, COMPOSE_FILE)) {
    if (!isOwnUse(file.path)) continue;
    let env: Map<string, string> | undefined;
    for (const document of repo.yaml(file.path)) {
      const services = isRecord(document.value) ? document.value.services : undefined;
      if (!isRecord(services)) continue;
      for (const service of Object.values(services)) {
        if (!isRecord(service) || typeof service.image !== 'string' || !service.image.includes('$')) continue;
        env ??= dotEnv(repo, file.path);
        const resolved = substitute(service.image, env);
        if (resolved === undefined) continue;
        if (images.some((re) => re.test(parseImage(resolved).path))) evidence.push({ file: file.path, line: lineOf(service, 'image'), detail: `image ${resolved} (${service.image.trim()})` });
      }
    }
  }
  return evidence;
}

function dotEnv(repo: Repository, composeFile: string): Map<string, string> {
  const env = new Map<string, string>();
  const dir = composeFile.includes('/') ? composeFile.slice(0, composeFile.lastIndexOf('/') + 1) : '';
  if (!repo.has(`${dir}.env`)) return env;
  for (const line of (repo.text(`${dir}.env`) ?? '').split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) env.set(match[1]!, match[2]!.replace(/^(["'])(.*)\1$/, '$2'));
  }
  return env;
}

/** `${VAR}`, `${VAR:-default}`, `$VAR`; undefined when a variable has neither value nor default. */
function substitute(value: string, env: Map<string, string>): string | undefined {
  let unresolved = false;
  const result = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const found = env.get((braced ?? bare)!) ?? fallback;
    if (found === undefined || found.includes('$')) unresolved = true;
    return found ?? '';
  });
  return unresolved || result.trim() === '' ? undefined : result.trim();
}
