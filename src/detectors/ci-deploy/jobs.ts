import type { Command } from '../../facts/ci/ci.js';
import { isScriptAt, scriptsCalled } from '../../facts/ci/script-calls.js';

/** Identifies a job within its pipeline file (a script or Make target is its own "job"). */
export function jobKey(item: Pick<Command, 'file' | 'job'>): string {
  return `${item.file}#${item.job ?? ''}`;
}

/** CI commands that run a script by path or call a Make target, as ciCommands decides. */
export function callersOf(command: Command, commands: Command[]): Command[] {
  const inCi = commands.filter((c) => c.origin !== 'script' && c.origin !== 'makefile' && c.origin !== 'taskfile');
  if (command.origin === 'makefile') {
    const target = command.job;
    if (target === undefined) return [];
    const call = new RegExp(`\\bmake\\s+(?:-\\S+\\s+)*${escape(target)}(\\s|$)`);
    return inCi.filter((c) => call.test(c.text));
  }
  return inCi.filter((c) => {
    return scriptsCalled(c.text).some((path) => isScriptAt(command.file, path));
  });
}

const SYSTEM_NAMES: Record<string, string> = {
  'github-actions': 'GitHub Actions job',
  'gitlab-ci': 'GitLab CI job',
  circleci: 'CircleCI job',
  jenkins: 'Jenkins stage',
  tekton: 'Tekton',
  'azure-pipelines': 'Azure Pipelines',
  'bitbucket-pipelines': 'Bitbucket Pipelines',
  travis: 'Travis CI',
  cloudbuild: 'Cloud Build',
  drone: 'Drone',
  buildkite: 'Buildkite',
  woodpecker: 'Woodpecker',
  codebuild: 'CodeBuild',
};

/** Keys that hold jobs rather than name one (Azure `stages`, Bitbucket `pipelines`…). */
const CONTAINER_KEYS = new Set(['stages', 'jobs', 'steps', 'pipelines', 'extends', 'trigger', 'pr', 'resources', 'variables']);

/** "GitHub Actions job "deploy"", or for a script "deploy.sh (called by GitLab CI job "release")". */
export function where(item: Pick<Command, 'file' | 'job'> & { origin: string }, caller: Pick<Command, 'file' | 'job'> & { origin: string }): string {
  const describe = (c: typeof caller): string => {
    const system = SYSTEM_NAMES[c.origin] ?? c.origin;
    return c.job !== undefined && !CONTAINER_KEYS.has(c.job) ? `${system} "${c.job}"` : `${system} step`;
  };
  if (item.origin === 'script' || item.origin === 'makefile') {
    const name = item.origin === 'makefile' ? `make ${item.job ?? ''}`.trim() : item.file;
    return `${name} (called by ${describe(caller)})`;
  }
  return describe(item);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
