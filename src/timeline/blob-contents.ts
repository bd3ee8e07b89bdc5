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
 * forks, is decoded and parsed once. Entries not used for a while go first once the texts kept
 * pass the budget, so an organization of unrelated repositories does not hold every file of every
 * repository at once.
 *
 * Two generations rather than a strict LRU list: a lookup is one or two Map reads (a 10,000-file
 * repository asks for every file at every point, and moving each entry to the end of one Map on
 * every read cost seconds). New and reused entries go to the young generation; when it holds half
 * the budget it becomes the old one, and the old one is dropped with what nobody asked for since.
 */
export class BlobContents {
  private young = new Map<string, BlobEntry>();
  private old = new Map<string, BlobEntry>();
  private youngSize = 0;

  constructor(private readonly budget = DEFAULT_CONTENTS_BUDGET) {}

  get(blob: string): BlobEntry | undefined {
    const entry = this.young.get(blob);
    if (entry !== undefined) return entry;
    const aging = this.old.get(blob);
    if (aging === undefined) return undefined;
    this.old.delete(blob);
    this.keep(blob, aging);
    return aging;
  }

  has(blob: string): boolean {
    return this.young.has(blob) || this.old.has(blob);
  }

  add(blob: string, text: ReadResult): BlobEntry {
    const entry: BlobEntry = { text, parsed: new Map() };
    this.old.delete(blob);
    this.keep(blob, entry);
    return entry;
  }

  private keep(blob: string, entry: BlobEntry): void {
    if (this.young.has(blob)) return;
    this.young.set(blob, entry);
    this.youngSize += sizeOf(entry.text);
    if (this.youngSize > this.budget / 2) {
      this.old = this.young;
      this.young = new Map();
      this.youngSize = 0;
    }
  }
}

/** Parse results count as much again as their text: a rough measure, enough to bound memory. */
function sizeOf(text: ReadResult): number {
  return 2 * (text.text?.length ?? 0) + 64;
}
