/**
 * Ansible playbooks, read once: the ansible detector counts them and kubespray recognises its own
 * cluster.yml among them.
 */
import { isRecord } from '../k8s/k8s-objects.js';
import { ciPipelineFiles, COMPOSE_FILE, YAML_FILE } from '../files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isProse } from '../files/sample-paths.js';

/** A play of an Ansible playbook: `hosts:` plus work to do, or an import of another playbook. */
export interface Play {
  file: string;
  line: number;
  play: Record<string, unknown>;
  /** `import_playbook:` target, when the entry imports instead of playing. */
  imports?: string;
}

const WORK_KEYS = ['tasks', 'roles', 'pre_tasks', 'post_tasks', 'handlers'] as const;
const IMPORT_KEYS = ['import_playbook', 'ansible.builtin.import_playbook', 'include'] as const;

/**
 * Plays of every playbook in the repository. A playbook is a YAML file whose top level is a list
 * of plays, each a mapping with `hosts:` and `tasks:`/`roles:`…, or an `import_playbook:` entry.
 * A `hosts:` anywhere else (compose `extra_hosts`, Ingress `hosts`, pod `hostAliases`) is not one.
 */
export function ansiblePlays(repo: Repository): Play[] {
  return repo.memo('ansiblePlays', () => {
    const out: Play[] = [];
    const pipelines = ciPipelineFiles(repo);
    for (const file of repo.filesMatching(YAML_FILE)) {
      if (pipelines.has(file.path) || COMPOSE_FILE.test(file.path) || isProse(file.path)) continue;
      const text = repo.text(file.path);
      // Cheap filter: plays start at column 0 as list items and name hosts or an import.
      if (text === undefined || !/^-\s/m.test(text) || !/\b(hosts|import_playbook)\s*:/.test(text)) continue;
      for (const document of repo.yaml(file.path)) {
        if (!Array.isArray(document.value)) continue;
        const plays = playsOf(document.value, file.path);
        // Every entry must look like a play: a list of tasks or of Ingress hosts is not a playbook.
        if (plays.length > 0 && plays.length === document.value.filter(isRecord).length) out.push(...plays);
      }
    }
    return out;
  });
}

function playsOf(list: unknown[], file: string): Play[] {
  const plays: Play[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const imported = IMPORT_KEYS.map((key) => item[key]).find((value) => typeof value === 'string');
    if (typeof imported === 'string' && /\.ya?ml\b/.test(imported)) {
      const key = IMPORT_KEYS.find((k) => item[k] === imported)!;
      plays.push({ file, line: lineOf(item, key), play: item, imports: imported });
      continue;
    }
    const hosts = item.hosts;
    const hasHosts = typeof hosts === 'string' || (Array.isArray(hosts) && hosts.every((h) => typeof h === 'string'));
    const hasWork = WORK_KEYS.some((key) => Array.isArray(item[key]));
    if (!hasHosts || !hasWork) return [];
    plays.push({ file, line: lineOf(item, 'hosts'), play: item });
  }
  return plays;
}
