import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../test/helpers/fixtures.js';
import { footprintDetector } from './footprint-detector.js';
import { DETECTORS } from './registry.js';
import { BUILTIN_SIGNAL_FILES } from './signal-files.js';

/**
 * One harness for every signal described as data (src/detectors/<id>/signal.yaml), Polaris-style:
 * `fixtures/found/` is a small repository modelled on what real teams commit, and
 * `fixtures/expected.txt` lists the places (file:line) the signal must report there, no more;
 * `fixtures/not-found/` holds look-alikes (a README that names the vendor, a client library
 * where the signal is a backend) where it must report nothing.
 */
const yamlOnly = Object.keys(BUILTIN_SIGNAL_FILES).filter((id) => !existsSync(join(import.meta.dirname, id, 'index.ts')));
// A signal converted from code keeps its own test file and fixtures (zipkin.test.ts); the others use this harness.
const harnessed = yamlOnly.filter((id) => !existsSync(join(import.meta.dirname, id, `${id}.test.ts`)));

describe.each(harnessed)('signal file %s', (id) => {
  const fixtures = join(import.meta.dirname, id, 'fixtures');
  const detector = DETECTORS.find((d) => d.id === id)!;

  it('has a found/ and a not-found/ fixture and a category', () => {
    expect(existsSync(join(fixtures, 'found'))).toBe(true);
    expect(existsSync(join(fixtures, 'not-found'))).toBe(true);
    expect(detector.category).toBeTruthy();
  });

  it('reports exactly the expected places in found/', async () => {
    const expected = readFileSync(join(fixtures, 'expected.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const result = await detectIn(detector, join(fixtures, 'found'));
    expect(places(result).sort()).toEqual(expected.sort());
  });

  it('reports nothing in not-found/', async () => {
    const result = await detectIn(detector, join(fixtures, 'not-found'));
    expect(places(result)).toEqual([]);
  });
});

describe('footprintDetector', () => {
  it('is the detector the registry holds for a signal file', () => {
    for (const id of yamlOnly) expect(DETECTORS.find((d) => d.id === id)!.definedIn).toBe(footprintDetector(BUILTIN_SIGNAL_FILES[id]!).definedIn);
  });
});
