import { describe, expect, it } from 'vitest';
import { alice, TestRepo } from '../../../test/history/git-fixture.js';
import { gitSync, neutralFilterConfig, SAFE_GIT_CONFIG } from './safe-git.js';

describe('safe git', () => {
  it('switches off the settings a scanned repository could use to run programs', () => {
    for (const setting of ['core.fsmonitor=false', 'core.hooksPath=/dev/null', 'log.showSignature=false', 'gpg.program=false']) {
      expect(SAFE_GIT_CONFIG).toContain(setting);
    }
  });

  it('applies extra settings of the caller after the safe ones', () => {
    const repo = new TestRepo();
    expect(gitSync(['config', '--get', 'core.hooksPath'], { cwd: repo.dir }).trim()).toBe('/dev/null');
    expect(gitSync(['config', '--get', 'k8sm.test'], { cwd: repo.dir, config: ['k8sm.test=yes'] }).trim()).toBe('yes');
  });

  it('lists settings that empty every filter driver the configuration defines', () => {
    const repo = new TestRepo();
    repo.commit(alice, 1, { 'a.txt': 'a\n' });
    expect(neutralFilterConfig(repo.dir)).toEqual([]);
    repo.git(['config', 'filter.lfs.smudge', 'git-lfs smudge -- %f']);
    repo.git(['config', 'filter.evil.process', '/tmp/evil']);
    expect(neutralFilterConfig(repo.dir)).toEqual([
      'filter.lfs.smudge=',
      'filter.lfs.clean=',
      'filter.lfs.process=',
      'filter.lfs.required=false',
      'filter.evil.smudge=',
      'filter.evil.clean=',
      'filter.evil.process=',
      'filter.evil.required=false',
    ]);
  });
});
