import { join } from 'node:path';
import { readControlFile, readFileBytes } from '../repository/read-file.js';

/** Larger indexes are not read here (a repository of a million files): git lists them. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;
/** Bytes of an entry before its path: stat data (40, the size last), SHA-1 (20), flags (2). */
const ENTRY_FIXED = 62;
const EXTENDED = 0x4000;
const SKIP_WORKTREE = 0x4000; // in the extended flags
const MAX_PATH_BYTES = 4096;

/** A plain file of the index: its path and the size it had when git last looked at it. */
export interface IndexFile {
  path: string;
  size: number;
}

/**
 * The plain files (mode 100644 or 100755, stage 0, checked out) that git's index lists, read straight from `.git/index` (versions 2 to 4, SHA-1) without starting git. This is
 * only a hint of what `git ls-files` will say — files to start reading while it runs — never the
 * listing itself: undefined for anything unusual (another format, SHA-256, a split index), and
 * the caller uses a path only once git has listed it.
 */
export function readIndexFiles(gitDir: string, commonDir: string, suffixes?: readonly string[]): IndexFile[] | undefined {
  // Object ids of another length (SHA-256) move every field: not read here.
  const config = readControlFile(join(commonDir, 'config'));
  if (config === undefined || /objectformat/i.test(config)) return undefined;
  const read = readFileBytes(join(gitDir, 'index'), MAX_INDEX_BYTES);
  if ('warning' in read || read.bytes.length < 12) return undefined;
  try {
    return parseIndex(read.bytes, suffixes);
  } catch {
    return undefined; // a truncated or damaged index: git will say what it makes of it
  }
}

/** `suffixes` (lower-case ASCII, such as '.yaml'): only paths ending so, in any case, are decoded and kept. */
export function parseIndex(bytes: Buffer, suffixes?: readonly string[]): IndexFile[] | undefined {
  if (bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = bytes.readUInt32BE(8);
  const files: IndexFile[] = [];
  let at = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const mode = bytes.readUInt32BE(at + 24);
    const size = bytes.readUInt32BE(at + 36);
    const flags = bytes.readUInt16BE(at + 60);
    let nameStart = at + ENTRY_FIXED;
    let skipWorktree = false;
    if (flags & EXTENDED) {
      if (version < 3) return undefined;
      skipWorktree = (bytes.readUInt16BE(at + ENTRY_FIXED) & SKIP_WORKTREE) !== 0;
      nameStart += 2;
    }
    // The path's bytes: name[nameFrom, nameTo). Version 4 builds each path from the previous one;
    // versions 2 and 3 are read in place (no Buffer object per entry: most paths are not kept).
    let name = bytes;
    let nameFrom: number;
    let nameTo: number;
    if (version === 4) {
      // The path is the previous one minus N trailing bytes, plus a NUL-terminated suffix; no padding.
      let offset = nameStart;
      let byte = bytes[offset++]!;
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        byte = bytes[offset++]!;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const end = bytes.indexOf(0, offset);
      // A path longer than any file system takes: a crafted index (each path built on the last could grow without end).
      if (end === -1 || strip > previous.length || previous.length - strip + (end - offset) > MAX_PATH_BYTES) return undefined;
      name = previous = Buffer.concat([previous.subarray(0, previous.length - strip), bytes.subarray(offset, end)]);
      nameFrom = 0;
      nameTo = name.length;
      at = end + 1;
    } else {
      const end = bytes.indexOf(0, nameStart);
      if (end === -1) return undefined;
      nameFrom = nameStart;
      nameTo = end;
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      at += ((nameStart - at + (end - nameStart) + 8) & ~7);
    }
    const stage = (flags >> 12) & 3;
    if (stage === 0 && !skipWorktree && (mode === 0o100644 || mode === 0o100755) && (suffixes === undefined || endsWithAny(name, nameFrom, nameTo, suffixes))) {
      files.push({ path: name.toString('utf8', nameFrom, nameTo), size });
    }
    if (at > bytes.length) return undefined;
  }
  // A split index keeps most entries in another file: what was read here is not the whole list.
  if (hasExtension(bytes, at, 'link')) return undefined;
  return files;
}

/**
 * Whether the path in bytes[from, to) ends with one of the suffixes (lower-case ASCII), its letters
 * in any case, as `/\.ya?ml$/i` would say of the decoded path. The bytes are compared: no string is
 * made for the other paths.
 */
function endsWithAny(bytes: Buffer, from: number, to: number, suffixes: readonly string[]): boolean {
  for (const suffix of suffixes) {
    const start = to - suffix.length;
    if (start < from) continue;
    let i = 0;
    while (i < suffix.length && sameAsciiLetterCase(bytes[start + i]!, suffix.charCodeAt(i))) i++;
    if (i === suffix.length) return true;
  }
  return false;
}

/** `byte` is `lower` (a lower-case ASCII character), or its upper-case letter. */
function sameAsciiLetterCase(byte: number, lower: number): boolean {
  return byte === lower || (lower >= 0x61 && lower <= 0x7a && byte === lower - 0x20);
}

/** Whether the extensions after the entries (4-byte name, 4-byte length, data) include `name`. */
function hasExtension(bytes: Buffer, at: number, name: string): boolean {
  const end = bytes.length - 20; // the trailing checksum
  while (at + 8 <= end) {
    if (bytes.toString('latin1', at, at + 4) === name) return true;
    at += 8 + bytes.readUInt32BE(at + 4);
  }
  return false;
}
