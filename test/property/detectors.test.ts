import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { DETECTORS } from '../../src/detectors/registry.js';
import { Repository } from '../../src/workspace/repository.js';
import { listFiles } from '../../src/sources/repository/list-files.js';
import { fixtureCases, mutate, mutationArb } from './mutations.js';

/**
 * Every detector of the registry, run on a repository made of mutated fixtures of several
 * detectors (so each meets files meant for others, broken the ways real files break), must return
 * a result and never throw: runDetectors would catch it, but a detector that throws loses all its
 * evidence for one bad file. A failure names the detector and the files.
 */

const cases = [...fixtureCases().entries()];
const base = mkdtempSync(join(tmpdir(), 'k8sm-property-'));
let counter = 0;

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

const repositoryArb = fc.array(
  fc.tuple(fc.constantFrom(...cases), fc.array(fc.array(mutationArb, { maxLength: 4 }), { minLength: 1, maxLength: 12 })),
  { minLength: 1, maxLength: 3 },
);

describe('detectors on mutated repositories', () => {
  it('no detector throws, whatever the files', () => {
    fc.assert(
      fc.property(repositoryArb, (picked) => {
        const root = join(base, String(counter++));
        mkdirSync(root);
        try {
          for (const [[, files], mutationsPerFile] of picked) {
            files.forEach((file, i) => {
              const target = join(root, file.path);
              mkdirSync(dirname(target), { recursive: true });
              writeFileSync(target, mutate(file.content, mutationsPerFile[i % mutationsPerFile.length]!));
            });
          }
          const limits = { ...DEFAULT_LIMITS, maxNodesPerDocument: 20_000 };
          const repo = new Repository(root, 'property', listFiles(root, limits, { useGit: false }).files, limits);
          for (const detector of DETECTORS) {
            let result;
            try {
              result = detector.detect(repo);
            } catch (error) {
              throw new Error(`detector ${detector.id} threw on ${picked.map(([name]) => name).join(', ')}: ${(error as Error).stack}`);
            }
            expect(Array.isArray(result.evidence)).toBe(true);
            for (const e of result.evidence) expect(e.line).toBeGreaterThanOrEqual(1);
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 250 },
    );
  });
});
