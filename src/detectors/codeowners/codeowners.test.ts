import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';
import { parseCodeowners } from './parse.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('codeowners detector', () => {
  it('points at the rules that cover deploy paths', async () => {
    const result = await detectIn(detector, join(fixtures, 'owned'));
    expect(places(result)).toEqual(['.github/CODEOWNERS:6', '.github/CODEOWNERS:7', '.github/CODEOWNERS:8', '.github/CODEOWNERS:9']);
    expect(result.evidence[0]!.detail).toBe('/charts/ owned by @acme/platform @acme/payments-devs');
  });

  it('points at the first rule when no rule covers a deploy path (GitLab sections give bare patterns their owners)', async () => {
    const result = await detectIn(detector, join(fixtures, 'gitlab-sections'));
    expect(places(result)).toEqual(['.gitlab/CODEOWNERS:2']);
  });

  it('does not count a comment-only CODEOWNERS or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'comment-only'));
    expect(result.evidence).toEqual([]);
  });

  it('reads a pattern without owners as no rule on GitHub', () => {
    expect(parseCodeowners('/charts/\n/deploy/ @acme/platform # infra\n')).toEqual([{ pattern: '/deploy/', owners: ['@acme/platform'], line: 2 }]);
  });
});
