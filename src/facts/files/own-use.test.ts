import { describe, expect, it } from 'vitest';
import { isOwnUse } from './paths.js';

describe('own use of observability tools', () => {
  it('treats docs, examples and test folders as someone else\'s setup', () => {
    expect(isOwnUse('monitoring/prometheus.yml')).toBe(true);
    expect(isOwnUse('docs/prometheus.yml')).toBe(false);
    expect(isOwnUse('examples/stack/docker-compose.yml')).toBe(false);
    expect(isOwnUse('test/e2e/compose.yaml')).toBe(false);
    expect(isOwnUse('contest/compose.yaml')).toBe(true);
  });
});
