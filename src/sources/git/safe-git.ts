import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitConfinement, type Confinement } from './confine.js';
import { waitsOnFifo } from './fifo-watch.js';

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
  // A signed commit would make `git log` run gpg.program when log.showSignature is set.
  'log.showSignature=false',
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'core.gitProxy=',
  'submodule.recurse=false',
  'fetch.recurseSubmodules=false',
  'color.ui=never',
];

/** git was not started in a folder where it would wait or read outside the tree (see confine.ts). */
export class GitRefusedError extends Error {}

/** git was stopped while it waited to open a FIFO (see fifo-watch.ts). */
export class GitWaitedError extends Error {}

function gitArgs(args: readonly string[], options: GitOptions): string[] {
  const out: string[] = [];
  for (const setting of SAFE_GIT_CONFIG) out.push('-c', setting);
  // The repository's own configuration may name files outside the tree: those keys are overridden.
  const confinement = options.confinement ?? gitConfinement(options.cwd);
  if (confinement.refused !== undefined) throw new GitRefusedError(`${confinement.refused}: git not run`);
  for (const setting of confinement.config) out.push('-c', setting);
  // Later -c settings win: callers may add (never remove) settings for one call.
  for (const setting of options.config ?? []) out.push('-c', setting);
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
  // refs/replace and info/grafts let a repository put any commit in another's place (a second
  // owner, an older adoption date): every read sees the commits that were made.
  env.GIT_NO_REPLACE_OBJECTS = '1';
  return env;
}

export interface GitOptions {
  cwd: string;
  /** Bytes of stdout accepted; beyond it the call fails instead of eating memory. */
  maxBuffer?: number;
  timeoutMs?: number;
  /**
   * Extra `-c name=value` settings for this call, applied after SAFE_GIT_CONFIG. For the
   * caller's own needs (an ssh command for a clone, the file protocol in tests); never built
   * from the scanned repository's content.
   */
  config?: readonly string[];
  /** What gitConfinement(cwd) just said, when the caller asked already (it costs a few dozen lstat calls). */
  confinement?: Confinement;
  /**
   * Extra environment for this call (git() only), set after the scrub: how a clone hands git its
   * credentials without a command line or a configuration file (sources/repository/clone.ts).
   */
  env?: Readonly<Record<string, string>>;
}

export function gitSync(args: readonly string[], options: GitOptions): string {
  return execFileSync('git', gitArgs(args, options), {
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
      gitArgs(args, options),
      {
        cwd: options.cwd,
        env: { ...gitEnv(), ...options.env },
        encoding: 'utf8',
        maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/**
 * Runs git in the background with its output going to a temporary file rather than a pipe, so a
 * long output never waits for a busy event loop to drain it (the caller keeps parsing meanwhile).
 */
export function gitInBackground(args: readonly string[], options: GitOptions): Promise<string> {
  let argv: string[];
  try {
    argv = gitArgs(args, options);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  const dir = mkdtempSync(join(tmpdir(), 'k8sm-git-'));
  const file = join(dir, 'out');
  const fd = openSync(file, 'w');
  return new Promise<string>((resolve, reject) => {
    const child = spawn('git', argv, { cwd: options.cwd, env: gitEnv(), stdio: ['ignore', fd, 'ignore'] });
    let waited = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    // A FIFO no check found beforehand (deep in a hand-made folder): git is stopped as soon as it waits on one.
    const watch = setInterval(() => {
      if (child.pid !== undefined && waitsOnFifo(child.pid)) {
        waited = true;
        child.kill('SIGKILL');
      }
    }, FIFO_WATCH_MS);
    watch.unref();
    const done = (error?: Error): void => {
      clearTimeout(timer);
      clearInterval(watch);
      closeSync(fd);
      try {
        if (waited) reject(new GitWaitedError('git waited to open a file that is not a regular file (a FIFO?): git stopped'));
        else if (error) reject(error);
        else resolve(readFileSync(file, 'utf8'));
      } catch (readError) {
        reject(readError as Error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    child.once('error', (error) => done(error));
    child.once('close', (code, signal) => done(code === 0 ? undefined : new Error(`git ${args[0]} failed (${signal ?? `exit ${code}`})`)));
  });
}

/** How often a running git is looked at for a FIFO wait: each look is three small /proc reads. */
const FIFO_WATCH_MS = 100;

/**
 * `-c` settings that switch off every filter driver (smudge, clean, long-running process) that the
 * repository's or the user's configuration defines, for commands that check files out. A
 * .gitattributes line `* filter=x` would otherwise run `filter.x.smudge` on checkout. Reading the
 * configuration executes nothing. Names with characters git would not accept are skipped (they
 * cannot be set from the command line, and git refuses them as well).
 */
export function neutralFilterConfig(cwd: string): string[] {
  let out: string;
  try {
    out = gitSync(['config', '--null', '--name-only', '--get-regexp', '^filter\\.'], { cwd, timeoutMs: 10_000 });
  } catch {
    return []; // exit 1: no filter configured
  }
  const drivers = new Set<string>();
  for (const name of out.split('\0')) {
    const match = /^filter\.(.+)\.[^.]+$/s.exec(name.trim());
    if (match?.[1] && !/[\n=]/.test(match[1])) drivers.add(match[1]);
  }
  const settings: string[] = [];
  for (const driver of drivers) {
    settings.push(`filter.${driver}.smudge=`, `filter.${driver}.clean=`, `filter.${driver}.process=`, `filter.${driver}.required=false`);
  }
  return settings;
}

/**
 * The arguments and environment every git call gets, for callers that must drive git's standard
 * input themselves (`cat-file --batch` in tree-at.ts): the same safety settings, one definition.
 */
export const gitArgsFor = (args: readonly string[], cwd: string): string[] => gitArgs(args, { cwd });
export const gitEnvFor = (): NodeJS.ProcessEnv => gitEnv();
