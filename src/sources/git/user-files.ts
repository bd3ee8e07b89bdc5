import { readFileSync } from 'node:fs';
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

let read: { paths: string; texts: string[] } | undefined;

/**
 * The text of each of the user's git configurations ('' for a missing one), read once for the
 * listing and the history of every repository (again only if HOME or XDG_CONFIG_HOME change).
 * They are the user's own files, trusted: read through links, often into a dotfiles folder.
 */
export function userGitConfigTexts(): string[] {
  const { configs } = userGitFiles();
  const paths = configs.join('\0');
  if (read?.paths !== paths) read = { paths, texts: configs.map((file) => readOrEmpty(file)) };
  return read.texts;
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
