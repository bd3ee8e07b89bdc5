import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('repositories', 'repositries')).toBe(1);
    expect(editDistance('service-mesch', 'service-mesh')).toBe(1);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
