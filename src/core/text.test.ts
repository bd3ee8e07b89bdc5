import { describe, expect, it } from 'vitest';
import { cutAtWord } from './text.js';

describe('cutAtWord', () => {
  it('leaves short text alone', () => {
    expect(cutAtWord('helm upgrade --install api', 40)).toBe('helm upgrade --install api');
  });

  it('cuts at the last space that fits, never inside a word, and marks the cut', () => {
    const command = '/kaniko/executor --context "$CI_PROJECT_DIR" --dockerfile "$CI_PROJECT_DIR/Dockerfile" --destination "$IMAGE"';
    const cut = cutAtWord(command, 80);
    expect(cut).toBe('/kaniko/executor --context "$CI_PROJECT_DIR" --dockerfile…');
    expect(cut.length).toBeLessThanOrEqual(80);
    expect(command.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('cuts a long word after one of its separators, and a word without any where it must', () => {
    expect(cutAtWord('see registry.example.com/platform/base-images/java/runtime:17-jre-2024', 50)).toBe('see registry.example.com/platform/base-images/…');
    expect(cutAtWord('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
