import type { ReadResult } from '../sources/repository/read-file.js';

/** What was made of one blob: its text and each parse of it, with the warnings that parse gave. */
export interface BlobEntry {
  text: ReadResult;
  parsed: Map<string, { value: unknown; warnings: string[] }>;
}

/** Text kept at most by default (UTF-16 characters, about twice the bytes): well over a 10,000-file repository. */
export const DEFAULT_CONTENTS_BUDGET = 128 * 1024 * 1024;

/**
 * Texts and parse results by blob id, shared by every repository and every point of a timeline.
 * A blob id names its content, so what was made of a blob in one repository holds in any other
 * that has the same blob: a file unchanged between two points, or the same file in two clones or
 * forks, is decoded and parsed once. Least recently used entries go first once the texts kept
 * pass the budget, so an organization of unrelated repositories does not hold every file of every
 * repository at once.
 */
export class BlobContents {
  private readonly entries = new Map<string, BlobEntry>();
  private kept = 0;

  constructor(private readonly budget = DEFAULT_CONTENTS_BUDGET) {}

  get(blob: string): BlobEntry | undefined {
    const entry = this.entries.get(blob);
    if (entry === undefined) return undefined;
    // Map keeps insertion order: moving the entry to the end keeps the least recently used first.
    this.entries.delete(blob);
    this.entries.set(blob, entry);
    return entry;
  }

  has(blob: string): boolean {
    return this.entries.has(blob);
  }

  add(blob: string, text: ReadResult): BlobEntry {
    const entry: BlobEntry = { text, parsed: new Map() };
    this.entries.set(blob, entry);
    this.kept += sizeOf(text);
    for (const [oldest, old] of this.entries) {
      if (this.kept <= this.budget || oldest === blob) break;
      this.entries.delete(oldest);
      this.kept -= sizeOf(old.text);
    }
    return entry;
  }
}

/** Parse results count as much again as their text: a rough measure, enough to bound memory. */
function sizeOf(text: ReadResult): number {
  return 2 * (text.text?.length ?? 0) + 64;
}
