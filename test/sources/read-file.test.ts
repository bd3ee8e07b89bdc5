import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExpectedText, readTextFile } from '../../src/sources/repository/read-file.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8sm-read-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAX = 64 * 1024;
let counter = 0;
function fileWith(bytes: Uint8Array | string): string {
  const path = join(dir, `f${counter++}`);
  writeFileSync(path, bytes);
  return path;
}

const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout\n';
const CASES: Record<string, Uint8Array | string> = {
  'plain manifest': manifest,
  'CRLF line ends': manifest.replaceAll('\n', '\r\n'),
  'multi-byte UTF-8': 'description: "Größe — 日本語 🚀"\n',
  'UTF-8 byte-order mark': `\ufeff${manifest}`,
  'two byte-order marks': `\ufeff\ufeff${manifest}`,
  'UTF-16 LE': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(manifest, 'utf16le')]),
  'UTF-16 BE': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(manifest, 'utf16le').swap16()]),
  'invalid UTF-8': Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
  'a literal replacement character': 'name: \ufffd\n',
  'NUL in the first 8 kB': `a: 1\n\0\n`,
  'NUL after 8 kB': `${'# padding\n'.repeat(1000)}\0\n`,
  'lone CR': 'a: 1\rb: 2\r',
};

describe('readExpectedText (one native read for a file of known size)', () => {
  it.each(Object.entries(CASES))('gives what readTextFile gives: %s', (_name, content) => {
    const path = fileWith(content);
    const size = Buffer.byteLength(content);
    expect(readExpectedText(path, size, MAX)).toEqual(readTextFile(path, MAX));
  });

  it('reads plain text in the quick path, with line ends normalised', () => {
    expect(readExpectedText(fileWith('a: 1\r\nb: 2\r\n'), 12, MAX)).toEqual({ text: 'a: 1\nb: 2\n' });
  });

  it('gives readTextFile its say when the size is not the expected one (changed since listed, or past the limit)', () => {
    const grown = fileWith('x'.repeat(MAX + 10));
    expect(readExpectedText(grown, 100, MAX)).toEqual({ warning: expect.stringMatching(/too large to parse/) });
    const shrunk = fileWith('a: 1\n');
    expect(readExpectedText(shrunk, 500, MAX)).toEqual({ text: 'a: 1\n' });
    const large = fileWith('x'.repeat(MAX + 1));
    expect(readExpectedText(large, MAX + 1, MAX)).toEqual(readTextFile(large, MAX));
  });

  it('never follows a link and never waits on a FIFO', () => {
    const target = fileWith(manifest);
    const link = join(dir, 'link.yaml');
    symlinkSync(target, link);
    expect(readExpectedText(link, manifest.length, MAX)).toEqual({ warning: 'cannot read: ELOOP' });
    const fifo = join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(readExpectedText(fifo, 0, MAX)).toEqual({ warning: 'not a regular file: skipped' });
    expect(readExpectedText(fifo, 20, MAX)).toEqual({ warning: 'not a regular file: skipped' });
    expect(readExpectedText(dir, 4096, MAX)).toEqual(readTextFile(dir, MAX));
  });

  it('gives what readTextFile gives for any bytes (property)', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }).map((s) => Buffer.from(s, 'utf8')),
      fc.string({ maxLength: 100 }).map((s) => Buffer.from(s, 'utf8')),
    );
    fc.assert(
      fc.property(bytes, fc.integer({ min: -2, max: 2 }), (content, skew) => {
        const path = fileWith(content);
        // The expected size right, or a little off (the file changed since it was listed).
        expect(readExpectedText(path, Math.max(0, content.length + skew), MAX)).toEqual(readTextFile(path, MAX));
        rmSync(path);
      }),
      { numRuns: 500 },
    );
  });
});
