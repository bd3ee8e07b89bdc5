import type { FileEvidence } from '../../core/types.js';
import { ciCommands, ciFacts, type Command } from '../../facts/ci/ci.js';
import { shorten } from '../../facts/tools/component.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { isSamplePath } from '../../facts/files/paths.js';
import { deployTool, EPHEMERAL_CLUSTER, EPHEMERAL_CLUSTER_USE } from './deploy-commands.js';
import { deployingUse } from './deploy-uses.js';
import { callersOf, jobKey, where } from './jobs.js';
import { definition } from './definition.js';

export const detector = defineDetector(definition, (repo) => {
  const commands = ciCommands(repo);
  const ephemeral = ephemeralJobs(repo, commands);
  const evidence: FileEvidence[] = [];
  for (const command of commands) {
    // Pipelines under test resources or examples are someone's fixture, not this team's delivery.
    if (isSamplePath(command.file)) continue;
    // Cloud Build and Tekton args can hold a whole script: judge and show it line by line.
    const deploying = command.text.split('\n').map((line) => line.trim()).find((line) => deployTool(line) !== undefined);
    if (deploying === undefined) continue;
    // A script or Make target counts through the CI jobs that call it, unless all of them test on a throwaway cluster.
    const callers = command.origin === 'script' || command.origin === 'makefile' ? callersOf(command, commands) : [command];
    const live = callers.filter((caller) => !ephemeral.has(jobKey(caller)) && !ephemeral.has(jobKey(command)));
    if (live.length === 0) continue;
    evidence.push({ file: command.file, line: command.line, detail: `${where(command, live[0]!)} runs \`${shorten(deploying.replace(/\s+/g, ' '))}\`` });
  }
  for (const use of ciFacts(repo).uses) {
    const reason = deployingUse(use);
    if (reason === undefined || ephemeral.has(jobKey(use)) || isSamplePath(use.file)) continue;
    evidence.push({ file: use.file, line: use.line, detail: `${where(use, use)} ${reason}` });
  }
  return evidence;
});

/** Jobs (and scripts) that create a kind, minikube or k3d cluster: what they deploy is a test fixture. */
function ephemeralJobs(repo: Repository, commands: Command[]): Set<string> {
  const keys = new Set<string>();
  for (const command of commands) if (EPHEMERAL_CLUSTER.test(command.text)) keys.add(jobKey(command));
  for (const use of ciFacts(repo).uses) if (EPHEMERAL_CLUSTER_USE.test(use.ref)) keys.add(jobKey(use));
  return keys;
}
