import { execFile, execFileSync } from 'node:child_process';

/**
 * Repositories we scan are untrusted: their .git/config may set hooks, an fsmonitor command,
 * filters or an ssh command that git would otherwise execute. Every git call goes through here
 * with settings that switch those off, and with a scrubbed environment.
 */
export const SAFE_GIT_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.untrackedCache=false',
  'core.sshCommand=false',
  'core.pager=cat',
  'core.askPass=',
  'credential.helper=',
  'diff.external=',
  'protocol.ext.allow=never',
  'protocol.file.allow=user',
  'uploadpack.packObjectsHook=',
  'safe.directory=*',
];

function gitArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const setting of SAFE_GIT_CONFIG) out.push('-c', setting);
  // --no-textconv/--no-ext-diff are passed by callers that diff; filters only run on checkout/add.
  return [...out, ...args];
}

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('GIT_')) delete env[key];
  }
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_ATTR_NOSYSTEM = '1';
  return env;
}

export interface GitOptions {
  cwd: string;
  /** Bytes of stdout accepted; beyond it the call fails instead of eating memory. */
  maxBuffer?: number;
  timeoutMs?: number;
}

export function gitSync(args: readonly string[], options: GitOptions): string {
  return execFileSync('git', gitArgs(args), {
    cwd: options.cwd,
    env: gitEnv(),
    encoding: 'utf8',
    maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function git(args: readonly string[], options: GitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      gitArgs(args),
      {
        cwd: options.cwd,
        env: gitEnv(),
        encoding: 'utf8',
        maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/** The top of the git work tree containing `dir`, or undefined when it is not in one. */
export function gitWorkTreeTop(dir: string): string | undefined {
  try {
    return gitSync(['rev-parse', '--show-toplevel'], { cwd: dir, timeoutMs: 10_000 }).trim() || undefined;
  } catch {
    return undefined;
  }
}
