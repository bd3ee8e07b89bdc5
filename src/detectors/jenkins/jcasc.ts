import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { DOCKERFILE, YAML_FILE } from '../../facts/files/paths.js';
import { parseImage } from '../../facts/images/images.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isSamplePath } from '../../facts/files/paths.js';

/** Keys that only Jenkins Configuration as Code puts under `jenkins:`. */
const JCASC_KEYS = ['systemMessage', 'securityRealm', 'authorizationStrategy', 'numExecutors', 'clouds', 'nodes', 'globalNodeProperties', 'crumbIssuer', 'remotingSecurity', 'slaveAgentPort', 'agentProtocols', 'markupFormatter', 'primaryView', 'views', 'labelString', 'disableRememberMe'];

/** JCasC files (jenkins.yaml, casc/*.yaml) and Jenkins chart values with a JCasC block. */
export function cascFiles(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(YAML_FILE)) {
    if (!/jenkins|casc/i.test(file.path) || isSamplePath(file.path)) continue;
    for (const document of repo.yaml(file.path)) {
      const doc = document.value;
      if (!isRecord(doc)) continue;
      if (isRecord(doc.jenkins) && JCASC_KEYS.some((key) => (doc.jenkins as Record<string, unknown>)[key] !== undefined)) {
        evidence.push({ file: file.path, line: lineOf(doc, 'jenkins', document.line), detail: 'Jenkins Configuration as Code' });
        break;
      }
      const controller = isRecord(doc.controller) ? doc.controller : isRecord(doc.master) ? doc.master : undefined;
      if (controller && isRecord(controller.JCasC)) {
        evidence.push({ file: file.path, line: lineOf(controller, 'JCasC', document.line), detail: 'Jenkins chart values with JCasC' });
        break;
      }
    }
  }
  return evidence;
}

/** A team that builds its own controller or agent image runs Jenkins. */
export function jenkinsImages(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(DOCKERFILE)) {
    if (isSamplePath(file.path)) continue;
    const stage = repo.dockerfile(file.path)?.stages.find((s) => /^(jenkins|jenkinsci)\/(jenkins|inbound-agent|agent|jnlp-slave|ssh-agent)$/.test(parseImage(s.image).path));
    if (stage) evidence.push({ file: file.path, line: stage.line, detail: `image built FROM ${stage.image}` });
  }
  return evidence;
}
