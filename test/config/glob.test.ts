import { describe, expect, it } from 'vitest';
import { pathGlobMatcher, segmentMatcher, wordGlobMatcher } from '../../src/config/glob.js';
import { memberMatches } from '../../src/config/repositories.js';

describe('path globs', () => {
  it.each([
    ['services/*', 'services/payments', true],
    ['services/*', 'services/payments/api', false],
    ['services/**', 'services/payments/api', true],
    ['org/**/deploy', 'org/deploy', true],
    ['org/**/deploy', 'org/a/b/deploy', true],
    ['org/**/deploy', 'org/a/b/deployx', false],
    ['org/**/deploy', 'orgx/deploy', false],
    ['svc-?', 'svc-a', true],
    ['svc-?', 'svc-ab', false],
    ['svc-[ab]', 'svc-b', true],
    ['svc-[!ab]', 'svc-b', false],
    ['svc-[a-c]*', 'svc-cart', true],
    ['svc-[a-c]*', 'svc-dart', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy/c', false],
    ['[unclosed', '[unclosed', true],
  ])('%s against %s is %s', (pattern, text, expected) => {
    expect(pathGlobMatcher(pattern).test(text)).toBe(expected);
  });

  it('matches one folder name', () => {
    expect(segmentMatcher('payments-*').test('payments-api')).toBe(true);
    expect(segmentMatcher('payments-*').test('storefront')).toBe(false);
  });
});

describe('member and namespace patterns', () => {
  it('match emails and names, case-insensitively by default', () => {
    expect(wordGlobMatcher('*@payments.acme.io').test('Carol@Payments.acme.io')).toBe(true);
    expect(wordGlobMatcher('*@payments.acme.io').test('mallory@payments.acme.io.evil')).toBe(false);
    expect(wordGlobMatcher('team-*', { caseInsensitive: false }).test('Team-a')).toBe(false);
    expect(wordGlobMatcher('*/bot').test('ci/bot')).toBe(true);
  });

  it('take time linear in the text, whatever the pattern: 24 stars against a long email', () => {
    // A pattern a configuration shipped in a scanned repository may hold: with a backtracking
    // regular expression this took minutes; the automaton visits at most (pattern + 1) states per character.
    const pattern = `${'*a'.repeat(24)}*b`;
    const email = `${'a'.repeat(5_000)}@example.com`;
    const { matched, steps } = wordGlobMatcher(pattern).steps(email);
    expect(matched).toBe(false);
    expect(steps).toBeLessThanOrEqual(email.length * (2 * 50 + 2));
    // Twice the text, twice the steps at most (plus the start): linear, not polynomial.
    const longer = wordGlobMatcher(pattern).steps(`${'a'.repeat(10_000)}@example.com`);
    expect(longer.steps).toBeLessThanOrEqual(2 * steps + 200);
    expect(memberMatches({ name: 'a'.repeat(5_000), email }, pattern)).toBe(false);
    expect(memberMatches({ name: 'x', email: `${'a'.repeat(30)}b` }, pattern)).toBe(true);
  });

  it('path patterns with many stars and folders stay linear too', () => {
    const pattern = `${'**/'.repeat(12)}${'*a'.repeat(12)}*b`;
    const path = `${'a/'.repeat(2_000)}${'a'.repeat(2_000)}`;
    const { matched, steps } = pathGlobMatcher(pattern).steps(path);
    expect(matched).toBe(false);
    expect(steps).toBeLessThanOrEqual(path.length * (2 * 40 + 2));
  });
});
