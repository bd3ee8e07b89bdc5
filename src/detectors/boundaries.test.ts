import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const detectorsDir = import.meta.dirname;
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every TypeScript file of every detector folder (fixtures excluded: they are sample repositories, not code). */
function detectorSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'fixtures') walk(join(dir, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.ts')) out.push(join(dir, entry.name));
    }
  };
  for (const entry of readdirSync(detectorsDir, { withFileTypes: true })) if (entry.isDirectory()) walk(join(detectorsDir, entry.name));
  return out;
}

/** The detector folder a path lies in, or undefined for src/detectors itself (detector.ts, registry.ts) and anything outside. */
function folderOf(path: string): string | undefined {
  const inside = relative(detectorsDir, path);
  if (inside.startsWith('..')) return undefined;
  const parts = inside.split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

describe('detector folder boundaries', () => {
  it('no detector imports from another detector folder: shared code lives in src/facts', () => {
    const crossings: string[] = [];
    for (const file of detectorSources()) {
      const own = folderOf(file);
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = folderOf(join(dirname(file), match[1]!));
        if (target !== undefined && target !== own) crossings.push(`${relative(detectorsDir, file)} imports ${match[1]}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('sees a crossing when there is one', () => {
    const file = join(detectorsDir, 'kind', 'index.ts');
    expect(folderOf(join(dirname(file), '../image-pipeline/ci-evidence.js'))).toBe('image-pipeline');
    expect(folderOf(join(dirname(file), '../detector.js'))).toBeUndefined();
    expect(folderOf(join(dirname(file), '../../facts/ci.js'))).toBeUndefined();
    expect(folderOf(join(dirname(file), './definition.js'))).toBe('kind');
  });
});
