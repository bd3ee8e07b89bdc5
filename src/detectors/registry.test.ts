import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is plain JavaScript
import { definitionsSource, detectorFolders, registrySource } from '../../scripts/generate-registry.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DETECTORS } from './registry.js';
import { BUILTIN_SIGNAL_FILES } from './signal-files.js';
import { signalDefinitionSchema } from '../signals/schema.js';

describe('detector registry', () => {
  it('lists exactly the detector folders (run `npm run registry` after adding one)', () => {
    const source = readFileSync(join(import.meta.dirname, 'registry.ts'), 'utf8');
    expect(source).toBe(registrySource(detectorFolders()));
    expect(readFileSync(join(import.meta.dirname, 'definitions.ts'), 'utf8')).toBe(definitionsSource(detectorFolders()));
  });

  it('validates every built-in signal.yaml with the schema users write to', () => {
    for (const [id, file] of Object.entries(BUILTIN_SIGNAL_FILES)) {
      const parsed = signalDefinitionSchema.safeParse(file.definition);
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${id}: ${i.path.join('.')}: ${i.message}`)).toEqual([]);
      expect((file.definition as { id: string }).id).toBe(id);
    }
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
