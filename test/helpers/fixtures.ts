import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import type { Detector, DetectorResult } from '../../src/detectors/detector.js';
import { DETECTORS } from '../../src/detectors/registry.js';
import { Repository } from '../../src/workspace/repository.js';
import { listFiles } from '../../src/sources/repository/list-files.js';

/** A Repository over a fixture folder, listed by the walker (fixtures live inside our own git tree). */
export async function fixtureRepo(dir: string): Promise<Repository> {
  const { files, warnings } = listFiles(dir, DEFAULT_LIMITS, { useGit: false });
  const repo = new Repository(dir, dir, files, DEFAULT_LIMITS);
  repo.warnings.push(...warnings);
  return repo;
}

/** The built-in detector of a signal id; throws on an unknown id so a typo fails the test that made it. */
export function detectorById(id: string): Detector {
  const found = DETECTORS.find((d) => d.id === id);
  if (!found) throw new Error(`no built-in detector ${id}`);
  return found;
}

/** Runs one detector on a fixture folder. */
export async function detectIn(detector: Detector, dir: string): Promise<DetectorResult> {
  return detector.detect(await fixtureRepo(dir));
}

/** Every built-in detector on a fixture folder: signal id → "file:line" of its evidence (detectors that found nothing left out). */
export async function detectAll(dir: string): Promise<Map<string, string[]>> {
  const repo = await fixtureRepo(dir);
  const out = new Map<string, string[]>();
  for (const detector of DETECTORS) {
    const { evidence } = detector.detect(repo);
    if (evidence.length > 0) out.set(detector.id, evidence.map((e) => `${e.file}:${e.line}`));
  }
  return out;
}

/** Writes files into a fresh temporary folder and returns its path. */
export function writeTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'k8sm-'));
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return root;
}

/** "file:line" strings for compact assertions. */
export function places(result: DetectorResult): string[] {
  return result.evidence.map((e) => `${e.file}:${e.line}`);
}
