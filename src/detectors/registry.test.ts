import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is plain JavaScript
import { detectorFolders, registrySource } from '../../scripts/generate-registry.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DETECTORS } from './registry.js';

describe('detector registry', () => {
  it('lists exactly the detector folders (run `npm run registry` after adding one)', () => {
    const source = readFileSync(join(import.meta.dirname, 'registry.ts'), 'utf8');
    expect(source).toBe(registrySource(detectorFolders()));
  });

  it('gives every detector the id of its folder, a name, a description and a remediation', () => {
    for (const detector of DETECTORS) {
      expect(detectorFolders()).toContain(detector.id);
      expect(detector.name.length).toBeGreaterThan(1);
      expect(detector.description.length).toBeGreaterThan(20);
      expect(detector.remediation.length).toBeGreaterThan(20);
    }
  });
});
