import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user's own git files, which git reads for every call in any repository (the system ones are
 * never read: GIT_CONFIG_NOSYSTEM): the two configurations and the default excludes file.
 */
export function userGitFiles(): { configs: string[]; excludes: string } {
  const xdg = process.env.XDG_CONFIG_HOME && process.env.XDG_CONFIG_HOME.startsWith('/') ? process.env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return { configs: [join(homedir(), '.gitconfig'), join(xdg, 'git', 'config')], excludes: join(xdg, 'git', 'ignore') };
}
