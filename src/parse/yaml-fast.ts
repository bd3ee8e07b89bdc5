/**
 * The YAML most repositories hold, read about three times faster than js-yaml, with the same
 * result and the same line positions.
 *
 * This is js-yaml's loader (lib/loader.js of js-yaml 4.3.2) cut down to the YAML that manifests,
 * charts, CI files and values files use: block and flow collections, plain, quoted and block
 * scalars, comments. The control flow is kept step by step, so that every document it accepts is
 * read exactly as js-yaml reads it; what makes it faster is what it leaves out (no state snapshot
 * and property attempt per node, no listener call per node, one check for unprintable characters
 * per document instead of one per scalar, scalars resolved only when their first character could
 * start a number, a boolean or a null). Whatever is outside that subset — tags, anchors and
 * aliases, explicit `?` keys, directives, carriage returns, unprintable characters, any error —
 * is not read here: `loadFast` returns undefined and the caller hands the document to js-yaml,
 * which reads it or gives its own error message. An equivalence test and a script
 * (scripts/yaml-equivalence.mjs) check both readers agree on real and generated files.
 *
 * js-yaml is Copyright (C) 2011-2015 by Vitaly Puzrin, under the MIT License:
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
 * associated documentation files (the "Software"), to deal in the Software without restriction,
 * including without limitation the rights to use, copy, modify, merge, publish, distribute,
 * sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
 * furnished to do so, subject to the following conditions: The above copyright notice and this
 * permission notice shall be included in all copies or substantial portions of the Software.
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
 * NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
 * NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
 * DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 * OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */
import { recordClosedNode } from './yaml-positions.js';

/** The part of a js-yaml type this reader uses: implicit resolution of plain scalars. */
export interface ImplicitType {
  tag: string;
  resolve(data: string): boolean;
  construct(data: string): unknown;
}

const CONTEXT_FLOW_IN = 1;
const CONTEXT_FLOW_OUT = 2;
const CONTEXT_BLOCK_IN = 3;
const CONTEXT_BLOCK_OUT = 4;

const CHOMPING_CLIP = 1;
const CHOMPING_STRIP = 2;
const CHOMPING_KEEP = 3;

/** js-yaml's default nesting limit: deeper documents go to js-yaml, which gives its error. */
const MAX_DEPTH = 100;

// Anything js-yaml would refuse somewhere, even where it would accept it (in a comment), and any
// surrogate, so astral characters (emoji) too: such documents are rare and go to js-yaml. One
// character class is a single native scan; js-yaml's exact test (lone surrogates only) has three
// alternatives with lookarounds to try at every character. Carriage returns (\x0D) and NULs are
// in the class as well: below, a line ends with \n only, where js-yaml also tests for \r.
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARACTERS = /[\x00-\x08\x0B-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Thrown to leave the subset; caught in loadFast. An object, not an Error: no stack to capture. */
const OUTSIDE_SUBSET = { outside: true };

// The reader's state: module variables rather than an object (the reader is synchronous and never
// re-entered), which V8 keeps in registers and the fastest to reach.
let input = '';
let length = 0;
let position = 0;
let line = 0;
let lineStart = 0;
let lineIndent = 0;
let firstTabInLine = -1;
let depth = 0;
let tag: string | null = null;
let result: unknown = null;
let implicitTypes: readonly ImplicitType[] = [];
/** First characters a plain scalar needs to resolve to anything but a string; undefined: try every type. */
let resolvable: Uint8Array | undefined;
/** Line positions: the same bookkeeping the listener in yaml.ts does (see recordClosedNode). */
let baseLine = 0;
const kidLines: number[] = [];
const kidResults: unknown[] = [];
let top = 0;

function outside(): never {
  throw OUTSIDE_SUBSET;
}

/**
 * One document as js-yaml's `load` reads it with `json: true` and a schema whose implicit types
 * are `types`, with line positions counted from `startLine`; undefined when the document is
 * outside the subset (or invalid), for js-yaml to read.
 */
export function loadFast(text: string, startLine: number, types: readonly ImplicitType[]): { value: unknown } | undefined {
  if (types !== implicitTypes) {
    implicitTypes = types;
    resolvable = firstCharacters(types);
  }
  if (UNSUPPORTED_CHARACTERS.test(text)) return undefined;
  let source = text;
  if (source.length !== 0) {
    if (source.charCodeAt(source.length - 1) !== 0x0a) source += '\n';
    if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  }
  length = source.length;
  input = `${source}\0`;
  position = 0;
  line = 0;
  lineStart = 0;
  lineIndent = 0;
  firstTabInLine = -1;
  depth = 0;
  tag = null;
  result = null;
  baseLine = startLine;
  top = 0;
  try {
    while (input.charCodeAt(position) === 0x20) {
      lineIndent++;
      position++;
    }
    if (position >= length - 1) return { value: undefined };
    const value = readDocument();
    return { value };
  } catch (error) {
    if (error === OUTSIDE_SUBSET) return undefined;
    throw error;
  } finally {
    input = '';
    result = null;
  }
}

/** What a plain scalar's first character says it may resolve to (firstCharacters). */
const ANY_LENGTH = 1; // a number: - + . 0-9
const WORD = 2; // null, Null, NULL, true, True, TRUE, false, False, FALSE: 4 or 5 characters
const TILDE = 3; // ~ alone
const MERGE = 4; // << alone

/** The core types (and the merge key) start with these characters only, at these lengths; any other schema: no shortcut. */
function firstCharacters(types: readonly ImplicitType[]): Uint8Array | undefined {
  const core = ['tag:yaml.org,2002:null', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float'];
  const known = types.length === core.length || (types.length === core.length + 1 && types[core.length]!.tag === 'tag:yaml.org,2002:merge');
  if (!known || core.some((tag, i) => types[i]!.tag !== tag)) return undefined;
  const table = new Uint8Array(128);
  for (const ch of '-+.0123456789') table[ch.charCodeAt(0)] = ANY_LENGTH;
  for (const ch of 'nNtTfF') table[ch.charCodeAt(0)] = WORD;
  table['~'.charCodeAt(0)] = TILDE;
  table['<'.charCodeAt(0)] = MERGE;
  return table;
}

function readDocument(): unknown {
  let ch = input.charCodeAt(position);
  while (ch !== 0) {
    skipSeparationSpace(true);
    ch = input.charCodeAt(position);
    if (lineIndent > 0 || ch !== 0x25 /* % */) break;
    outside(); // a directive
  }
  skipSeparationSpace(true);
  if (lineIndent === 0 && input.charCodeAt(position) === 0x2d && input.charCodeAt(position + 1) === 0x2d && input.charCodeAt(position + 2) === 0x2d) {
    outside(); // an explicit document start: the caller splits documents, so this is unusual
  }
  composeNode(lineIndent - 1, CONTEXT_BLOCK_OUT, false, true);
  skipSeparationSpace(true);
  const value = result;
  // A document end marker or another document, or anything left over (an error): js-yaml decides.
  if (position === lineStart && testDocumentSeparator()) outside();
  if (position < length - 1) outside();
  return value;
}

function isWhiteSpace(c: number): boolean {
  return c === 0x09 || c === 0x20;
}

function isWsOrEol(c: number): boolean {
  return c === 0x09 || c === 0x20 || c === 0x0a;
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

function readLineBreak(): void {
  if (input.charCodeAt(position) !== 0x0a) outside();
  position++;
  line += 1;
  lineStart = position;
  firstTabInLine = -1;
}

function skipSeparationSpace(allowComments: boolean): number {
  let lineBreaks = 0;
  let ch = input.charCodeAt(position);
  while (ch !== 0) {
    while (isWhiteSpace(ch)) {
      if (ch === 0x09 && firstTabInLine === -1) firstTabInLine = position;
      ch = input.charCodeAt(++position);
    }
    if (allowComments && ch === 0x23 /* # */) {
      do {
        ch = input.charCodeAt(++position);
      } while (ch !== 0x0a && ch !== 0);
    }
    if (ch === 0x0a) {
      readLineBreak();
      ch = input.charCodeAt(position);
      lineBreaks++;
      lineIndent = 0;
      while (ch === 0x20) {
        lineIndent++;
        ch = input.charCodeAt(++position);
      }
    } else {
      break;
    }
  }
  return lineBreaks;
}

function testDocumentSeparator(): boolean {
  let at = position;
  let ch = input.charCodeAt(at);
  if ((ch === 0x2d || ch === 0x2e) && ch === input.charCodeAt(at + 1) && ch === input.charCodeAt(at + 2)) {
    at += 3;
    ch = input.charCodeAt(at);
    if (ch === 0 || isWsOrEol(ch)) return true;
  }
  return false;
}

function foldedLines(count: number): string {
  if (count === 1) return ' ';
  return count > 1 ? '\n'.repeat(count - 1) : '';
}

function readPlainScalar(nodeIndent: number, withinFlowCollection: boolean): boolean {
  let ch = input.charCodeAt(position);
  if (
    isWsOrEol(ch) || isFlowIndicator(ch) || ch === 0x23 || ch === 0x26 || ch === 0x2a || ch === 0x21 || ch === 0x7c ||
    ch === 0x3e || ch === 0x27 || ch === 0x22 || ch === 0x25 || ch === 0x40 || ch === 0x60
  ) {
    return false;
  }
  if (ch === 0x3f /* ? */ || ch === 0x2d /* - */) {
    const following = input.charCodeAt(position + 1);
    if (isWsOrEol(following) || (withinFlowCollection && isFlowIndicator(following))) return false;
  }
  let text = '';
  let captureStart = position;
  let captureEnd = position;
  let hasPendingContent = false;
  let savedLine = 0;
  let savedLineStart = 0;
  let savedLineIndent = 0;
  while (ch !== 0) {
    if (ch === 0x3a /* : */) {
      const following = input.charCodeAt(position + 1);
      if (isWsOrEol(following) || (withinFlowCollection && isFlowIndicator(following))) break;
    } else if (ch === 0x23 /* # */) {
      if (isWsOrEol(input.charCodeAt(position - 1))) break;
    } else if ((position === lineStart && testDocumentSeparator()) || (withinFlowCollection && isFlowIndicator(ch))) {
      break;
    } else if (ch === 0x0a) {
      savedLine = line;
      savedLineStart = lineStart;
      savedLineIndent = lineIndent;
      skipSeparationSpace(false);
      if (lineIndent >= nodeIndent) {
        hasPendingContent = true;
        ch = input.charCodeAt(position);
        continue;
      }
      position = captureEnd;
      line = savedLine;
      lineStart = savedLineStart;
      lineIndent = savedLineIndent;
      break;
    }
    if (hasPendingContent) {
      if (captureStart < captureEnd) text += input.slice(captureStart, captureEnd);
      text += foldedLines(line - savedLine);
      captureStart = captureEnd = position;
      hasPendingContent = false;
    }
    if (!isWhiteSpace(ch)) captureEnd = position + 1;
    ch = input.charCodeAt(++position);
  }
  if (captureStart < captureEnd) text += input.slice(captureStart, captureEnd);
  if (text === '') return false;
  result = text;
  return true;
}

function readSingleQuotedScalar(): boolean {
  let ch = input.charCodeAt(position);
  if (ch !== 0x27) return false;
  let text = '';
  position++;
  let captureStart = position;
  let captureEnd = position;
  while ((ch = input.charCodeAt(position)) !== 0) {
    if (ch === 0x27) {
      if (captureStart < position) text += input.slice(captureStart, position);
      ch = input.charCodeAt(++position);
      if (ch === 0x27) {
        captureStart = position;
        position++;
        captureEnd = position;
      } else {
        result = text;
        return true;
      }
    } else if (ch === 0x0a) {
      if (captureStart < captureEnd) text += input.slice(captureStart, captureEnd);
      text += foldedLines(skipSeparationSpace(false));
      captureStart = captureEnd = position;
    } else if (position === lineStart && testDocumentSeparator()) {
      outside();
    } else {
      position++;
      if (!isWhiteSpace(ch)) captureEnd = position;
    }
  }
  return outside();
}

const SIMPLE_ESCAPES: Record<number, string> = {
  0x30: '\x00', 0x61: '\x07', 0x62: '\x08', 0x74: '\x09', 0x09: '\x09', 0x6e: '\x0A', 0x76: '\x0B', 0x66: '\x0C',
  0x72: '\x0D', 0x65: '\x1B', 0x20: ' ', 0x22: '"', 0x2f: '/', 0x5c: '\\', 0x4e: '\x85', 0x5f: '\xA0', 0x4c: '\u2028', 0x50: '\u2029',
};

function fromHexCode(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lc = c | 0x20;
  return lc >= 0x61 && lc <= 0x66 ? lc - 0x61 + 10 : -1;
}

function readDoubleQuotedScalar(): boolean {
  let ch = input.charCodeAt(position);
  if (ch !== 0x22) return false;
  let text = '';
  position++;
  let captureStart = position;
  let captureEnd = position;
  while ((ch = input.charCodeAt(position)) !== 0) {
    if (ch === 0x22) {
      if (captureStart < position) text += input.slice(captureStart, position);
      position++;
      result = text;
      return true;
    } else if (ch === 0x5c /* \ */) {
      if (captureStart < position) text += input.slice(captureStart, position);
      ch = input.charCodeAt(++position);
      if (ch === 0x0a) {
        skipSeparationSpace(false);
      } else if (SIMPLE_ESCAPES[ch] !== undefined) {
        text += SIMPLE_ESCAPES[ch];
        position++;
      } else {
        let hexLength = ch === 0x78 ? 2 : ch === 0x75 ? 4 : ch === 0x55 ? 8 : 0;
        if (hexLength === 0) outside(); // unknown escape sequence
        let code = 0;
        for (; hexLength > 0; hexLength--) {
          const digit = fromHexCode(input.charCodeAt(++position));
          if (digit < 0) outside();
          code = (code << 4) + digit;
        }
        // js-yaml builds the character the same way, surrogate pairs included; past U+10FFFF it is garbage in both.
        text += code <= 0xffff ? String.fromCharCode(code) : String.fromCharCode(((code - 0x010000) >> 10) + 0xd800, ((code - 0x010000) & 0x03ff) + 0xdc00);
        position++;
      }
      captureStart = captureEnd = position;
    } else if (ch === 0x0a) {
      if (captureStart < captureEnd) text += input.slice(captureStart, captureEnd);
      text += foldedLines(skipSeparationSpace(false));
      captureStart = captureEnd = position;
    } else if (position === lineStart && testDocumentSeparator()) {
      outside();
    } else {
      position++;
      if (!isWhiteSpace(ch)) captureEnd = position;
    }
  }
  return outside();
}

function readFlowCollection(nodeIndent: number): boolean {
  let ch = input.charCodeAt(position);
  let terminator: number;
  let isMapping: boolean;
  let collection: unknown[] | Record<string, unknown>;
  if (ch === 0x5b /* [ */) {
    terminator = 0x5d;
    isMapping = false;
    collection = [];
  } else if (ch === 0x7b /* { */) {
    terminator = 0x7d;
    isMapping = true;
    collection = {};
  } else {
    return false;
  }
  let readNext = true;
  ch = input.charCodeAt(++position);
  while (ch !== 0) {
    skipSeparationSpace(true);
    ch = input.charCodeAt(position);
    if (ch === terminator) {
      position++;
      tag = null;
      result = collection;
      return true;
    } else if (!readNext || ch === 0x2c /* , */) {
      outside(); // a missing comma, or an empty entry
    }
    if (ch === 0x3f /* ? */ && isWsOrEol(input.charCodeAt(position + 1))) outside(); // an explicit key
    const entryLine = line;
    composeNode(nodeIndent, CONTEXT_FLOW_IN, false, true);
    const keyTag = tag;
    const keyNode = result;
    let valueNode: unknown = null;
    let isPair = false;
    skipSeparationSpace(true);
    ch = input.charCodeAt(position);
    if (line === entryLine && ch === 0x3a /* : */) {
      isPair = true;
      ch = input.charCodeAt(++position);
      skipSeparationSpace(true);
      composeNode(nodeIndent, CONTEXT_FLOW_IN, false, true);
      valueNode = result;
    }
    if (isMapping) storeMappingPair(collection as Record<string, unknown>, keyTag, keyNode, valueNode);
    else if (isPair) (collection as unknown[]).push(storeMappingPair({}, keyTag, keyNode, valueNode));
    else (collection as unknown[]).push(keyNode);
    skipSeparationSpace(true);
    ch = input.charCodeAt(position);
    if (ch === 0x2c) {
      readNext = true;
      ch = input.charCodeAt(++position);
    } else {
      readNext = false;
    }
  }
  return outside(); // the stream ended inside the collection
}

function readBlockScalar(nodeIndent: number): boolean {
  let ch = input.charCodeAt(position);
  let folding: boolean;
  if (ch === 0x7c /* | */) folding = false;
  else if (ch === 0x3e /* > */) folding = true;
  else return false;
  let chomping = CHOMPING_CLIP;
  let didReadContent = false;
  let detectedIndent = false;
  let textIndent = nodeIndent;
  let emptyLines = 0;
  let atMoreIndented = false;
  let text = '';
  while (ch !== 0) {
    ch = input.charCodeAt(++position);
    if (ch === 0x2b /* + */ || ch === 0x2d /* - */) {
      if (chomping !== CHOMPING_CLIP) outside();
      chomping = ch === 0x2b ? CHOMPING_KEEP : CHOMPING_STRIP;
    } else if (ch >= 0x30 && ch <= 0x39) {
      const width = ch - 0x30;
      if (width === 0 || detectedIndent) outside();
      textIndent = nodeIndent + width - 1;
      detectedIndent = true;
    } else {
      break;
    }
  }
  if (isWhiteSpace(ch)) {
    do {
      ch = input.charCodeAt(++position);
    } while (isWhiteSpace(ch));
    if (ch === 0x23) {
      do {
        ch = input.charCodeAt(++position);
      } while (ch !== 0x0a && ch !== 0);
    }
  }
  while (ch !== 0) {
    readLineBreak();
    lineIndent = 0;
    ch = input.charCodeAt(position);
    while ((!detectedIndent || lineIndent < textIndent) && ch === 0x20) {
      lineIndent++;
      ch = input.charCodeAt(++position);
    }
    if (!detectedIndent && lineIndent > textIndent) textIndent = lineIndent;
    if (ch === 0x0a) {
      emptyLines++;
      continue;
    }
    if (!detectedIndent && textIndent === 0) outside(); // missing indentation
    if (lineIndent < textIndent) {
      if (chomping === CHOMPING_KEEP) text += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      else if (chomping === CHOMPING_CLIP && didReadContent) text += '\n';
      break;
    }
    if (folding) {
      if (isWhiteSpace(ch)) {
        atMoreIndented = true;
        text += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      } else if (atMoreIndented) {
        atMoreIndented = false;
        text += '\n'.repeat(emptyLines + 1);
      } else if (emptyLines === 0) {
        if (didReadContent) text += ' ';
      } else {
        text += '\n'.repeat(emptyLines);
      }
    } else {
      text += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
    }
    didReadContent = true;
    detectedIndent = true;
    emptyLines = 0;
    const captureStart = position;
    while (ch !== 0x0a && ch !== 0) ch = input.charCodeAt(++position);
    if (captureStart < position) text += input.slice(captureStart, position);
  }
  result = text;
  return true;
}

function readBlockSequence(nodeIndent: number): boolean {
  // A leading tab before this token: not a block collection (js-yaml's rule).
  if (firstTabInLine !== -1) return false;
  const sequence: unknown[] = [];
  let detected = false;
  let ch = input.charCodeAt(position);
  while (ch !== 0) {
    if (firstTabInLine !== -1) outside(); // a tab in the indentation
    if (ch !== 0x2d /* - */ || !isWsOrEol(input.charCodeAt(position + 1))) break;
    detected = true;
    position++;
    if (skipSeparationSpace(true) && lineIndent <= nodeIndent) {
      sequence.push(null);
      ch = input.charCodeAt(position);
      continue;
    }
    const itemLine = line;
    composeNode(nodeIndent, CONTEXT_BLOCK_IN, false, true);
    sequence.push(result);
    skipSeparationSpace(true);
    ch = input.charCodeAt(position);
    if ((line === itemLine || lineIndent > nodeIndent) && ch !== 0) outside(); // bad indentation of a sequence entry
    else if (lineIndent < nodeIndent) break;
  }
  if (!detected) return false;
  tag = null;
  result = sequence;
  return true;
}

function readBlockMapping(nodeIndent: number, flowIndent: number): boolean {
  if (firstTabInLine !== -1) return false;
  const mapping: Record<string, unknown> = {};
  let detected = false;
  let ch = input.charCodeAt(position);
  while (ch !== 0) {
    if (firstTabInLine !== -1) outside(); // a tab in the indentation
    const following = input.charCodeAt(position + 1);
    const entryLine = line;
    if ((ch === 0x3f /* ? */ || ch === 0x3a /* : */) && isWsOrEol(following)) outside(); // explicit notation
    if (!composeNode(flowIndent, CONTEXT_FLOW_OUT, false, true)) break;
    if (line !== entryLine) {
      if (detected) outside(); // a multi-line implicit key
      tag = null;
      return true; // keep the result of composeNode
    }
    ch = input.charCodeAt(position);
    while (isWhiteSpace(ch)) ch = input.charCodeAt(++position);
    if (ch !== 0x3a /* : */) {
      if (detected) outside(); // a colon is missed
      tag = null;
      return true; // keep the result of composeNode
    }
    ch = input.charCodeAt(++position);
    if (!isWsOrEol(ch)) outside(); // a whitespace character is expected after the separator
    detected = true;
    const keyTag = tag;
    const keyNode = result;
    let valueNode: unknown = null;
    if (line === entryLine || lineIndent > nodeIndent) {
      if (composeNode(nodeIndent, CONTEXT_BLOCK_OUT, true, false)) valueNode = result;
      storeMappingPair(mapping, keyTag, keyNode, valueNode);
      skipSeparationSpace(true);
      ch = input.charCodeAt(position);
    }
    if ((line === entryLine || lineIndent > nodeIndent) && ch !== 0) outside(); // bad indentation of a mapping entry
    else if (lineIndent < nodeIndent) break;
  }
  if (!detected) return false;
  tag = null;
  result = mapping;
  return true;
}

function storeMappingPair(mapping: Record<string, unknown>, keyTag: string | null, keyNode: unknown, valueNode: unknown): Record<string, unknown> {
  // A merge key, or a key that would need js-yaml's prototype guard: rare, left to js-yaml.
  if (keyTag === 'tag:yaml.org,2002:merge') outside();
  const key = String(plainKey(keyNode));
  if (key === '__proto__') outside();
  mapping[key] = valueNode;
  return mapping;
}

/**
 * A collection as a key becomes a string as js-yaml makes it one: a mapping is "[object Object]",
 * a sequence its items joined with commas (mappings in it "[object Object]"). Chart templates do
 * this all the time: `name: {{ include "x" . }}` reads as a mapping whose key is a mapping.
 */
function plainKey(keyNode: unknown): unknown {
  let key = keyNode;
  if (Array.isArray(key)) {
    key = key.slice();
    const items = key as unknown[];
    for (let i = 0; i < items.length; i++) {
      if (Array.isArray(items[i])) outside(); // js-yaml: nested arrays are not supported inside keys
      if (Object.prototype.toString.call(items[i]) === '[object Object]') items[i] = '[object Object]';
    }
  }
  if (key !== null && typeof key === 'object' && Object.prototype.toString.call(key) === '[object Object]') key = '[object Object]';
  return key;
}

function composeNode(parentIndent: number, nodeContext: number, allowToSeek: boolean, allowCompact: boolean): boolean {
  if (depth >= MAX_DEPTH) outside();
  depth += 1;
  const openLine = baseLine + line + 1;
  const firstKid = top;
  tag = null;
  result = null;
  const allowBlockStyles = nodeContext === CONTEXT_BLOCK_OUT || nodeContext === CONTEXT_BLOCK_IN;
  let allowBlockCollections = allowBlockStyles;
  let indentStatus = 1; // 1: this > parent, 0: this = parent, -1: this < parent
  let atNewLine = false;
  let hasContent = false;
  if (allowToSeek && skipSeparationSpace(true)) {
    atNewLine = true;
    indentStatus = lineIndent > parentIndent ? 1 : lineIndent === parentIndent ? 0 : -1;
  }
  if (indentStatus === 1) {
    const ch = input.charCodeAt(position);
    if (ch === 0x21 /* ! */ || ch === 0x26 /* & */) outside(); // a tag or an anchor
  }
  if (allowBlockCollections) allowBlockCollections = atNewLine || allowCompact;
  if (indentStatus === 1 || nodeContext === CONTEXT_BLOCK_OUT) {
    const flowIndent = nodeContext === CONTEXT_FLOW_IN || nodeContext === CONTEXT_FLOW_OUT ? parentIndent : parentIndent + 1;
    const blockIndent = position - lineStart;
    if (indentStatus === 1) {
      if ((allowBlockCollections && (readBlockSequence(blockIndent) || readBlockMapping(blockIndent, flowIndent))) || readFlowCollection(flowIndent)) {
        hasContent = true;
      } else if ((allowBlockStyles && readBlockScalar(flowIndent)) || readSingleQuotedScalar() || readDoubleQuotedScalar()) {
        hasContent = true;
      } else if (input.charCodeAt(position) === 0x2a /* * */) {
        outside(); // an alias
      } else if (readPlainScalar(flowIndent, nodeContext === CONTEXT_FLOW_IN)) {
        hasContent = true;
        if (tag === null) tag = '?';
      }
    } else if (indentStatus === 0) {
      // Block sequences may sit at the same indentation as their parent key.
      hasContent = allowBlockCollections && readBlockSequence(blockIndent);
    }
  }
  if (tag === '?') resolveScalar();
  else if (tag !== null) outside();
  // What the listener in yaml.ts records when a node closes.
  recordClosedNode(result, openLine, kidLines, kidResults, firstKid, top);
  top = firstKid;
  kidLines[top] = openLine;
  kidResults[top] = result;
  top++;
  depth -= 1;
  return tag !== null || hasContent;
}

/** A plain scalar becomes null, a boolean or a number when one of the schema's implicit types says so. */
function resolveScalar(): void {
  const data = result as string;
  if (resolvable !== undefined) {
    const first = data.charCodeAt(0);
    const kind = first < 128 ? resolvable[first]! : 0;
    const length = data.length;
    // Most plain scalars (names, images, paths) can only stay strings: no resolver needs to look.
    if (kind === 0 || (kind === WORD && length !== 4 && length !== 5) || (kind === TILDE && length !== 1) || (kind === MERGE && length !== 2)) return;
  }
  for (const type of implicitTypes) {
    if (type.resolve(data)) {
      result = type.construct(data);
      tag = type.tag;
      return;
    }
  }
}
