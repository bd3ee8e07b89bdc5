import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { formatBytes } from '../../core/limits.js';

export type ReadResult = { text: string; warning?: string } | { text?: undefined; warning: string };

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * Reads a text file the scan wants to parse. Never blocks (O_NONBLOCK, regular files only),
 * never reads more than maxBytes, refuses binary content, and turns any encoding into a JS string
 * with line ends normalised to \n so that line numbers match what an editor shows.
 */
export function readTextFile(absolutePath: string, maxBytes: number): ReadResult {
  const read = readFileBytes(absolutePath, maxBytes);
  return 'warning' in read ? { warning: read.warning } : decode(read.bytes);
}

/** Never follow a link, never wait (a FIFO opened this way cannot block a read). */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/**
 * readTextFile for a file the listing (or git's index) says is a regular file of `expectedSize`
 * bytes, in one native call: open, read, close and UTF-8 decoding all happen in C++, about half
 * the cost per file of readTextFile's five calls (a large repository reads thousands of files).
 * The result is always readTextFile's: whatever the quick read cannot vouch for (another size, so
 * maybe another kind of file or past the limit; a NUL; a replacement character, so maybe invalid
 * UTF-8 or UTF-16; a byte-order mark; any error) is read again by readTextFile, which decides.
 * Only a file that grew since it was listed is read whole before that is noticed.
 */
export function readExpectedText(absolutePath: string, expectedSize: number, maxBytes: number): ReadResult {
  // An empty file is what a FIFO reads as: the general path tells them apart.
  if (expectedSize === 0 || expectedSize > maxBytes) return readTextFile(absolutePath, maxBytes);
  let text: string;
  try {
    // Node takes numeric open flags here too (its types only say strings).
    text = readFileSync(absolutePath, { encoding: 'utf8', flag: OPEN_FLAGS as unknown as string });
  } catch {
    return readTextFile(absolutePath, maxBytes); // with its own reason
  }
  if (text.charCodeAt(0) === 0xfeff || text.indexOf('\0') !== -1 || text.indexOf('\ufffd') !== -1 || Buffer.byteLength(text) !== expectedSize) {
    return readTextFile(absolutePath, maxBytes);
  }
  return { text: normalise(text) };
}

/**
 * The bytes of a regular file of at most maxBytes, opened without following a link and without
 * blocking (a FIFO or a device is refused, never waited on); otherwise why not.
 */
export function readFileBytes(absolutePath: string, maxBytes: number): { bytes: Buffer } | { warning: string } {
  let fd: number;
  try {
    fd = openSync(absolutePath, OPEN_FLAGS);
  } catch (error) {
    return { warning: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { warning: 'not a regular file: skipped' };
    if (stats.size > maxBytes) {
      return { warning: `too large to parse (${formatBytes(stats.size)} > limit ${formatBytes(maxBytes)}): skipped` };
    }
    const buffer = Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < stats.size) {
      const n = readSync(fd, buffer, read, stats.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: buffer.subarray(0, read) };
  } catch (error) {
    return { warning: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  } finally {
    closeSync(fd);
  }
}

export function decode(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: normalise(new TextDecoder('utf-16le').decode(bytes.subarray(2))) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: normalise(new TextDecoder('utf-16be').decode(bytes.subarray(2))) };
  }
  if (looksBinary(bytes)) return { warning: 'binary content: skipped' };
  try {
    return { text: normalise(utf8Strict.decode(bytes)) };
  } catch {
    return { text: normalise(utf8Lenient.decode(bytes)), warning: 'invalid UTF-8: read with replacement characters' };
  }
}

/** A NUL byte in the first 8 kB is what git uses to call a file binary (indexOf: a native search, not a loop in JavaScript). */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).indexOf(0) !== -1;
}

function normalise(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

/** Control files (a git configuration, HEAD, a ref, .mailmap) are small; anything larger is not one. */
const MAX_CONTROL_BYTES = 1024 * 1024;

/**
 * A small file of the scanned repository that the tool reads for itself (`.git/HEAD`, a ref, a
 * git configuration, `.mailmap`): undefined when it is missing, not a regular file, a symlink,
 * larger than 1 MiB or binary. Never follows a link and never blocks: a repository may hold
 * `.mailmap -> /dev/zero` (git stores symlinks) or a FIFO named `HEAD`.
 */
export function readControlFile(path: string): string | undefined {
  return readTextFile(path, MAX_CONTROL_BYTES).text;
}

/** Whether anything (a file, a folder, a link, even a broken one) is at `path`. */
export function existsAt(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
