import type { HclValue } from './types.js';
import { COMMA, IDENT, isHeredocIdChar, isScannerSpace, RBRACE, TILDE } from './lexer.js';
import { HclReader, MAX_NESTING } from './reader.js';

/**
 * The inside of strings and heredocs, scanned character by character (what is text there depends on
 * where the parser is: a block label takes no `${`), with the `${ }` interpolations and the `%{ if }`
 * and `%{ for }` directives they hold. The expressions inside come from the layer above.
 */

// How a template's content ended.
const END = 0;
const ELSE = 1;
const ENDIF = 2;
const ENDFOR = 3;

export abstract class TemplateReader extends HclReader {
  /**
   * An expression at depth `d` of the tree-sitter conversion; its value only when `want`
   * (ExpressionReader.expression).
   */
  protected abstract expression(d: number, want: boolean, keyMayFollow?: boolean): HclValue;

  /** A block label after its opening quote: no interpolation there, `${` is plain text. */
  protected label(): string {
    const start = this.lx.pos;
    this.template(null, false, false);
    return this.stringText(start, this.lx.lastEnd - 1);
  }

  /** A string without interpolation was read from its first to its last character that is not whitespace. */
  protected stringText(start: number, end: number): string {
    const src = this.src;
    while (start < end && isScannerSpace(src.charCodeAt(start))) start++;
    while (end > start && isScannerSpace(src.charCodeAt(end - 1))) end--;
    return src.slice(start, end);
  }

  /** After `<<` or `<<-`: the identifier, then the content up to the line holding only that identifier. */
  protected heredoc(): void {
    const src = this.src;
    const length = src.length;
    let i = this.lx.pos;
    while (i < length && isScannerSpace(src.charCodeAt(i))) i++;
    if (i >= length) throw this.failAt(length);
    const idStart = i;
    let ascii = true;
    for (;;) {
      const c = src.charCodeAt(i);
      if (isHeredocIdChar(c)) {
        i++;
      } else if (c >= 128 && isLetterOrDigit(src.codePointAt(i)!)) {
        ascii = false;
        i += src.codePointAt(i)! > 0xffff ? 2 : 1;
      } else {
        break;
      }
    }
    this.lx.moveTo(i);
    this.template(ascii ? src.slice(idStart, i) : storedMarker(src.slice(idStart, i)), true, false);
  }

  /**
   * Scans a template's content from the lexer's position: a quoted string's up to its closing quote
   * (`marker` null) or a heredoc's up to its closing marker. Returns END there, or ELSE, ENDIF and
   * ENDFOR at those directives inside an `%{ if }` or `%{ for }` (`inDirective`). Sets `templated`.
   */
  protected template(marker: string | null | undefined, interpolations: boolean, inDirective: boolean): number {
    const src = this.src;
    const length = src.length;
    const lx = this.lx;
    let templated = false;
    let i = lx.pos;
    for (;;) {
      if (i >= length) throw this.failAt(length);
      const c = src.charCodeAt(i);
      if (marker === null) {
        // Inside an `%{ if }` or `%{ for }` the grammar expects the directive's end before the string's,
        // so the scanner took a `"` there as text.
        if (c === 34 && !inDirective) {
          lx.consumeTo(i + 1);
          this.templated = templated;
          return END;
        }
        if (c === 92) {
          i = this.escape(i);
          continue;
        }
      } else if (isScannerSpace(c)) {
        const closed = this.afterSpace(i, marker, inDirective);
        if (closed === -1) {
          this.templated = templated;
          return END;
        }
        i = closed;
        continue;
      }
      if ((c === 36 || c === 37) && interpolations) {
        const next = src.charCodeAt(i + 1);
        if (next === 123) {
          lx.moveTo(i + 2);
          if (c === 36) {
            this.interpolation();
          } else {
            const ended = this.directive(marker);
            if (ended !== END) {
              if (!inDirective) throw this.failAt(lx.lastEnd);
              this.templated = true;
              return ended;
            }
          }
          templated = true;
          i = lx.pos;
        } else if (next === c) {
          // `$${` and `%%{` are escapes; `$$` alone is text and the next `$` starts afresh.
          i += src.charCodeAt(i + 2) === 123 ? 3 : 2;
        } else {
          i++;
        }
        continue;
      }
      if (c === 0) throw this.failAt(i);
      i++;
    }
  }

  /**
   * Whitespace at `i` in a heredoc: the closing marker is looked for after whitespace that holds a
   * line break, as the scanner did. Returns -1 when the marker closed the heredoc (the lexer is then
   * past it), else where scanning goes on.
   */
  private afterSpace(i: number, marker: string | undefined, inDirective: boolean): number {
    const src = this.src;
    const length = src.length;
    let newline = false;
    while (i < length && isScannerSpace(src.charCodeAt(i))) {
      if (src.charCodeAt(i) === 10) newline = true;
      i++;
    }
    const after = src.charCodeAt(i);
    // `${` and `%{` win over the marker, which matters only for an empty one.
    if (newline && !inDirective && marker !== undefined && after !== 36 && after !== 37 && src.startsWith(marker, i)) {
      const markerEnd = i + marker.length;
      let j = markerEnd;
      while (j < length && src.charCodeAt(j) !== 10 && isScannerSpace(src.charCodeAt(j))) j++;
      if (src.charCodeAt(j) === 10) {
        this.lx.consumeTo(markerEnd);
        return -1;
      }
      if (j >= length) throw this.failAt(length);
      // The scanner took the marker, the spaces and one more character as text.
      return j + 1;
    }
    return i;
  }

  /** A backslash escape in a quoted string; the scanner accepted only these. */
  private escape(i: number): number {
    const src = this.src;
    const c = src.charCodeAt(i + 1);
    if (c === 34 || c === 110 || c === 114 || c === 116 || c === 92) return i + 2;
    const digits = c === 117 ? 4 : c === 85 ? 8 : 0;
    if (digits === 0) throw this.failAt(i);
    for (let k = i + 2; k < i + 2 + digits; k++) {
      if (!isHexDigit(src.charCodeAt(k))) throw this.failAt(k);
    }
    return i + 2 + digits;
  }

  /** After `${`: `~`? expression? `~`? `}` */
  private interpolation(): void {
    const lx = this.lx;
    let kind = lx.closingBrace();
    if (kind === TILDE) {
      lx.advance();
      kind = lx.closingBrace();
    }
    if (kind !== TILDE && kind !== RBRACE) {
      this.expression(0, false);
      kind = lx.peek();
    }
    if (kind === TILDE) lx.advance();
    this.closingBrace();
  }

  /**
   * After `%{`: an `if` or `for` directive with its content, up to its `endif` or `endfor` (END), or
   * a lone `else`, `endif` or `endfor`, returned for the directive that contains it.
   */
  private directive(marker: string | null | undefined): number {
    const lx = this.lx;
    if (lx.peek() === TILDE) lx.advance();
    let ended = END;
    if (lx.acceptKeywordPrefix('endfor')) ended = ENDFOR;
    else if (lx.acceptKeywordPrefix('endif')) ended = ENDIF;
    else if (lx.acceptKeywordPrefix('else')) ended = ELSE;
    if (ended !== END) {
      this.directiveEnd();
      return ended;
    }
    if (++this.nesting > MAX_NESTING) throw this.fail();
    if (lx.acceptKeywordPrefix('if')) {
      this.expression(0, false);
      this.directiveEnd();
      ended = this.template(marker, true, true);
      if (ended === ELSE) ended = this.template(marker, true, true);
      if (ended !== ENDIF) throw this.failAt(lx.lastEnd);
    } else if (lx.acceptKeywordPrefix('for')) {
      this.forVariablesAndCollection();
      this.directiveEnd();
      if (this.template(marker, true, true) !== ENDFOR) throw this.failAt(lx.lastEnd);
    } else {
      throw this.fail();
    }
    this.nesting--;
    return END;
  }

  /** `k, v in collection` after `for`: shared by `%{ for }` directives and for expressions. */
  protected forVariablesAndCollection(): void {
    const lx = this.lx;
    this.expect(IDENT);
    if (lx.peek() === COMMA) {
      lx.advance();
      this.expect(IDENT);
    }
    if (!lx.acceptKeywordPrefix('in')) throw this.fail();
    this.expression(0, false);
  }

  private directiveEnd(): void {
    if (this.lx.peek() === TILDE) this.lx.advance();
    this.closingBrace();
  }
}

const LETTER_OR_DIGIT = /^[\p{Alphabetic}\p{Nd}]$/u;

/** The scanner's iswalnum beyond ASCII. */
function isLetterOrDigit(codePoint: number): boolean {
  return LETTER_OR_DIGIT.test(String.fromCodePoint(codePoint));
}

/**
 * The scanner stores a heredoc identifier as C chars, so a character past ASCII keeps only its low
 * byte: as ASCII when that byte is below 128 (`Ł` closes with `A`), as a byte no character read
 * back equals otherwise (then the heredoc never closes).
 */
function storedMarker(identifier: string): string | undefined {
  let stored = '';
  for (const char of identifier) {
    const byte = char.codePointAt(0)! & 0xff;
    if (byte >= 128) return undefined;
    stored += String.fromCharCode(byte);
  }
  return stored;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
