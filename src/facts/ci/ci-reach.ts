import { ciCommands, ciFacts, type Command } from './ci.js';
import { isRecord } from '../k8s/k8s-objects.js';
import { isScriptAt, scriptsCalled } from './script-calls.js';
import { CLOUDBUILD, yamlFilesMatching } from '../files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';

/**
 * Commands CI runs, following calls through scripts and make targets as deep as they go
 * (CI → `make snyk-report` → `./hack/snyk-report.sh` → `snyk test`). The shared ciCommands
 * follows one level only; scanning and image pushes often sit two levels down.
 */
export function ciReachableCommands(repo: Repository): Command[] {
  return repo.memo('ciReachable', () => {
    const all = ciFacts(repo).commands;
    const reached = new Set<Command>([...ciCommands(repo), ...cloudBuildEntrypoints(repo)]);
    let frontier = [...reached];
    for (let depth = 0; depth < 5 && frontier.length > 0; depth++) {
      const scripts = new Set<string>();
      const targets = new Set<string>();
      for (const command of frontier) {
        for (const path of scriptsCalled(command.text)) scripts.add(path);
        for (const match of command.text.matchAll(/\b(?:make|\$\(MAKE\))\s+(?:-\S+\s+)*([\w.-]+(?:\s+[\w.-]+)*)/g)) {
          for (const target of match[1]!.split(/\s+/)) if (!target.includes('=')) targets.add(target);
        }
      }
      const next: Command[] = [];
      for (const command of all) {
        if (reached.has(command)) continue;
        const called =
          (command.origin === 'script' && [...scripts].some((path) => isScriptAt(command.file, path))) ||
          (command.origin === 'makefile' && command.job !== undefined && targets.has(command.job));
        if (called) {
          reached.add(command);
          next.push(command);
        }
      }
      frontier = next;
    }
    return [...reached];
  });
}

/** Cloud Build steps with `entrypoint: make` and `args: [release]` run `make release`; the shared fact reads only the image name. */
function cloudBuildEntrypoints(repo: Repository): Command[] {
  const commands: Command[] = [];
  for (const file of yamlFilesMatching(repo, CLOUDBUILD)) {
    for (const document of repo.yaml(file.path)) {
      const steps = isRecord(document.value) ? document.value.steps : undefined;
      if (!Array.isArray(steps)) continue;
      for (const step of steps) {
        if (!isRecord(step) || typeof step.entrypoint !== 'string' || /^(ba)?sh$/.test(step.entrypoint) || !Array.isArray(step.args)) continue;
        const args = step.args.filter((a): a is string => typeof a === 'string');
        commands.push({ text: `${step.entrypoint} ${args.join(' ')}`, file: file.path, line: lineOf(step, 'entrypoint'), origin: 'cloudbuild' });
      }
    }
  }
  return commands;
}
