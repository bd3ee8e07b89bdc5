import type { FileEvidence } from '../../core/types.js';
import { ciFacts } from '../../facts/ci/ci.js';
import { deployedImages, parseImage } from '../../facts/images/images.js';
import { DOCKERFILE } from '../../facts/files/paths.js';
import type { Repository } from '../../workspace/repository.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { imagePushes, pushRegistries } from '../../facts/images/image-pushes.js';
import { commandHints, registryOfHost } from '../../facts/images/registries.js';
import { isSampleOrDocPath, isTestDataPath } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';

/** Files where package managers are told which repository to use. */
const PACKAGE_SETTINGS = /(^|\/)(pom\.xml|settings\.xml|\.npmrc|\.yarnrc(\.yml)?|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle\.properties|pip\.conf|\.pypirc|pyproject\.toml|nuget\.config|NuGet\.Config)$/i;
const NEXUS_URL = /https?:\/\/[^/\s"'<>]*nexus[^/\s"'<>]*/i;

export const detector = signalWithCode('nexus', (repo) =>
  uniquePlaces([
    ...pushesToNexus(repo),
    ...logins(repo),
    ...pulledImages(repo),
    ...packageSettings(repo),
  ]),
);

function pushesToNexus(repo: Repository): FileEvidence[] {
  return imagePushes(repo)
    .filter((push) => pushRegistries(repo, push).includes('Nexus'))
    .map((push) => ({ file: push.file, line: push.line, detail: `pushes image to a Nexus registry (${push.method})` }));
}

/** `docker login nexus.acme:8083` (host written or in a variable of the file) or docker/login-action with a Nexus registry. */
function logins(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  const { commands, uses } = ciFacts(repo);
  for (const command of commands) {
    if (isSampleOrDocPath(command.file) || !commandHints(repo, command).includes('Nexus')) continue;
    evidence.push({ file: command.file, line: command.line, detail: 'logs in to a Nexus registry' });
  }
  for (const use of uses) {
    const registry = use.with?.registry;
    if (/^docker\/login-action@/i.test(use.ref) && typeof registry === 'string' && registryOfHost(registry) === 'Nexus') {
      evidence.push({ file: use.file, line: use.line, detail: 'logs in to a Nexus registry' });
    }
  }
  return evidence;
}

/** Deployed images and Dockerfile bases pulled from a Nexus host. */
function pulledImages(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const ref of deployedImages(repo)) {
    const { registry } = ref.parsed;
    if (registry !== '' && registryOfHost(registry) === 'Nexus') evidence.push({ file: ref.file, line: ref.line, detail: `image from a Nexus registry (${registry})` });
  }
  for (const file of repo.filesMatching(DOCKERFILE)) {
    if (isTestDataPath(file.path)) continue;
    for (const stage of repo.dockerfile(file.path)?.stages ?? []) {
      const { registry } = parseImage(stage.image || stage.written);
      if (registry !== '' && registryOfHost(registry) === 'Nexus') {
        evidence.push({ file: file.path, line: stage.line, detail: `base image from a Nexus registry (${registry})` });
        break;
      }
    }
  }
  return evidence;
}

/** Maven, Gradle, npm, pip or NuGet pointed at a Nexus repository; comment lines do not count. */
function packageSettings(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(PACKAGE_SETTINGS)) {
    if (isTestDataPath(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || !/nexus/i.test(text)) continue;
    let inXmlComment = false;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      if (inXmlComment) {
        if (!line.includes('-->')) continue;
        line = line.slice(line.indexOf('-->') + 3);
        inXmlComment = false;
      }
      line = line.replace(/<!--.*?-->/g, '');
      if (line.includes('<!--')) {
        inXmlComment = true;
        line = line.slice(0, line.indexOf('<!--'));
      }
      if (/^\s*(#|\/\/|;)/.test(line)) continue;
      const url = NEXUS_URL.exec(line);
      if (url) {
        evidence.push({ file: file.path, line: i + 1, detail: `package repository on a Nexus host (${url[0].replace(/\/\/[^@/]*@/, '//')})` });
        break;
      }
    }
  }
  return evidence;
}
