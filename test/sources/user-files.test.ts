import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { userGitConfigTexts } from '../../src/sources/git/user-files.js';

const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
const made: string[] = [];
afterEach(() => {
  process.env.HOME = saved.HOME;
  if (saved.XDG_CONFIG_HOME === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = saved.XDG_CONFIG_HOME;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function home(gitconfig?: string, xdgConfig?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8sm-home-'));
  made.push(dir);
  if (gitconfig !== undefined) writeFileSync(join(dir, '.gitconfig'), gitconfig);
  if (xdgConfig !== undefined) {
    mkdirSync(join(dir, '.config', 'git'), { recursive: true });
    writeFileSync(join(dir, '.config', 'git', 'config'), xdgConfig);
  }
  return dir;
}

describe("the user's git configurations", () => {
  it('are read once, both of them, through a link, and again for another home', () => {
    const first = home(undefined, '[core]\n\texcludesFile = ~/.ignore\n');
    const dotfiles = home('[filter "lfs"]\n\tclean = git-lfs clean -- %f\n');
    symlinkSync(join(dotfiles, '.gitconfig'), join(first, '.gitconfig'));
    process.env.HOME = first;
    delete process.env.XDG_CONFIG_HOME;
    const texts = userGitConfigTexts();
    expect(texts).toEqual(['[filter "lfs"]\n\tclean = git-lfs clean -- %f\n', '[core]\n\texcludesFile = ~/.ignore\n']);
    expect(userGitConfigTexts()).toBe(texts); // not read again
    process.env.HOME = home();
    expect(userGitConfigTexts()).toEqual(['', '']); // none there: empty, not an error
  });
});
