import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { signalWithCode } from '../signal-with-code.js';
import { ansiblePlays } from '../../facts/iac/ansible-plays.js';
import { matchingLines, ownPlaces } from '../../facts/files/text-lines.js';
import { isProse } from '../../facts/files/paths.js';
import { yamlFilesMatching } from '../../facts/files/paths.js';

const ROLE_TASKS = /(^|\/)roles\/[^/]+\/tasks\/main\.ya?ml$/;
const INVENTORY = /(^|\/)(inventor(y|ies)\/.+|[^/]*hosts[^/]*|inventory[^/]*)$/i;
/** Connection variables only Ansible understands: an inventory, whatever its format. */
const INVENTORY_VARIABLE = /(^|\s)ansible_(host|user|port|ssh_host|ssh_user|ssh_private_key_file|connection|become|python_interpreter)\s*[=:]/;
const GALAXY_REQUIREMENTS = /(^|\/)requirements\.ya?ml$/;

export const detector = signalWithCode('ansible', (repo, footprint) => {
  const evidence: FileEvidence[] = [];
  const seenFiles = new Set<string>();
  for (const play of ansiblePlays(repo)) {
    // One evidence per playbook: its first play.
    if (seenFiles.has(play.file)) continue;
    seenFiles.add(play.file);
    evidence.push({ file: play.file, line: play.line, detail: play.imports ? `playbook importing ${play.imports}` : 'Ansible playbook' });
  }
  evidence.push(...roleTasks(repo));
  for (const hit of matchingLines(repo, INVENTORY, INVENTORY_VARIABLE, 'ansible_')) {
    if (seenFiles.has(hit.file) || /\.(md|j2|py|sh|tf|json)$/.test(hit.file)) continue;
    seenFiles.add(hit.file);
    evidence.push({ file: hit.file, line: hit.line, detail: 'Ansible inventory' });
  }
  // Galaxy requirements are generic YAML: they count only beside other Ansible evidence.
  if (evidence.length > 0 || footprint.length > 0) evidence.push(...galaxyRequirements(repo));
  else evidence.push(...galaxyRequirements(repo).filter((e) => /(^|\/)ansible\//i.test(e.file)));
  return ownPlaces(evidence);
});

/** `roles/<name>/tasks/main.yml` holding a list of tasks: a role, one evidence each. */
function roleTasks(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, ROLE_TASKS)) {
    if (isProse(file.path)) continue;
    const tasks = repo.yaml(file.path)[0]?.value;
    if (!Array.isArray(tasks) || !tasks.some(isRecord)) continue;
    const role = /roles\/([^/]+)\/tasks/.exec(file.path)![1]!;
    out.push({ file: file.path, line: lineOf(tasks, 0, 1), detail: `tasks of role ${role}` });
  }
  return out;
}

function galaxyRequirements(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, GALAXY_REQUIREMENTS)) {
    if (isProse(file.path)) continue;
    for (const document of repo.yaml(file.path)) {
      const value = document.value;
      if (isRecord(value)) {
        const key = (['collections', 'roles'] as const).find((k) => Array.isArray(value[k]));
        if (key) out.push({ file: file.path, line: lineOf(value, key), detail: `ansible-galaxy ${key}` });
      } else if (Array.isArray(value) && value.some((item) => isRecord(item) && (typeof item.src === 'string' || typeof item.name === 'string'))) {
        // The old format: a bare list of roles with `src:`.
        out.push({ file: file.path, line: document.line, detail: 'ansible-galaxy roles' });
      }
    }
  }
  return out;
}
