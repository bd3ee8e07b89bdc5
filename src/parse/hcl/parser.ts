import type { HclAttribute, HclBlock, HclFile, HclValue } from './types.js';
import {
  ARROW,
  ATTR_SPLAT,
  BANG,
  BINARY,
  COLON,
  COMMA,
  DOT,
  ELLIPSIS,
  EOF,
  EQUALS,
  FULL_SPLAT,
  HEREDOC,
  IDENT,
  isHeredocIdChar,
  isScannerSpace,
  LBRACE,
  LBRACK,
  Lexer,
  LPAREN,
  MINUS,
  NUMBER,
  QUESTION,
  QUOTE,
  RBRACE,
  RBRACK,
  RPAREN,
  TILDE,
  type TokenKind,
} from './lexer.js';

/**
 * Recursive descent over HCL's native syntax, building the HclFile the tree-sitter conversion built:
 * the language accepted and the values read are tree-sitter's (newlines are plain whitespace,
 * attributes in one line need no separator, a string's text drops the whitespace at its ends).
 *
 * Errors unwind with one shared exception to the body item they occurred in; the body skips ahead
 * and carries on, so everything before the error and most things after it are kept.
 */

/** Deeper nesting is an error: the stack stays bounded whatever the file. */
const MAX_NESTING = 200;
/** Depth past which the tree-sitter conversion read any node as its text, cut to 200 characters. */
const VALUE_DEPTH = 64;

// How an expression is read, like the tree-sitter node under `expression` was.
/** A single literal, string, template, tuple or object: its value. */
const SHAPE_VALUE = 0;
/** One node read as source text cut to 500 characters: reference, call, operation, conditional, for. */
const SHAPE_TEXT = 1;
/** A heredoc: text cut to 500 characters, one node deeper than SHAPE_TEXT. */
const SHAPE_HEREDOC = 2;
/** Several nodes (a term with index or attribute access, a parenthesised expression): the whole text. */
const SHAPE_WHOLE = 3;

// How a template's content ended.
const END = 0;
const ELSE = 1;
const ENDIF = 2;
const ENDFOR = 3;

class HclSyntaxError extends Error {}
const SYNTAX = new HclSyntaxError('HCL syntax error');

export function parseHclText(text: string): HclFile {
  return new Parser(text).file();
}

class Parser {
  private readonly src: string;
  private lx: Lexer;
  private hasErrors = false;
  private nesting = 0;
  /** Where the error being unwound was found. */
  private errorAt = 0;
  /** Shape of the expression term just parsed. */
  private shape = SHAPE_VALUE;
  /** Whether the template just scanned held an interpolation or directive. */
  private templated = false;

  constructor(text: string) {
    this.src = text;
    this.lx = new Lexer(text);
  }

  file(): HclFile {
    if (this.lx.peek() === LBRACE && this.objectFile()) return { blocks: [], hasErrors: false };
    const blocks: HclBlock[] = [];
    this.body({}, blocks, 0, false);
    return { blocks, hasErrors: this.hasErrors };
  }

  /** The grammar reads a file that is one object (tfvars written as JSON) as that object: no blocks. */
  private objectFile(): boolean {
    const lx = this.lx;
    try {
      const start = lx.nextStart();
      lx.advance();
      this.object(start, 0, false);
      if (lx.peek() === EOF) return true;
    } catch (error) {
      if (error !== SYNTAX) throw error;
    }
    this.hasErrors = true;
    this.nesting = 0;
    this.lx = new Lexer(this.src);
    return false;
  }

  private body(attributes: Record<string, HclAttribute>, blocks: HclBlock[], depth: number, inBlock: boolean): void {
    const lx = this.lx;
    for (;;) {
      const kind = lx.peek();
      if (kind === IDENT) {
        const start = lx.start;
        const line = lx.lineAt(start);
        try {
          this.item(attributes, blocks, depth, line);
        } catch (error) {
          if (error !== SYNTAX) throw error;
          this.recover(start, line);
        }
      } else if (kind === RBRACE) {
        lx.advance();
        if (inBlock) return;
        this.hasErrors = true;
      } else if (kind === EOF) {
        if (inBlock) this.hasErrors = true;
        return;
      } else {
        this.errorAt = lx.start;
        this.recover(lx.start, lx.lineAt(lx.start));
      }
    }
  }

  private item(attributes: Record<string, HclAttribute>, blocks: HclBlock[], depth: number, line: number): void {
    const lx = this.lx;
    const name = lx.text();
    lx.advance();
    let kind = lx.peek();
    if (kind === EQUALS) {
      lx.advance();
      const value = this.expression(0, true);
      attributes[name] = { name, value, line };
      return;
    }
    const labels: string[] = [];
    for (;;) {
      if (kind === IDENT) {
        labels.push(lx.text());
        lx.advance();
      } else if (kind === QUOTE) {
        lx.advance();
        labels.push(this.label());
      } else if (kind === LBRACE && depth < MAX_NESTING) {
        break;
      } else {
        throw this.fail();
      }
      kind = lx.peek();
    }
    lx.advance();
    const block: HclBlock = { type: name, labels, line, attributes: {}, blocks: [] };
    blocks.push(block);
    this.body(block.attributes, block.blocks, depth + 1, true);
  }

  /**
   * Skips past an error in the item that started at `itemStart` on `itemLine`: to the failing token
   * when it is a `}` (it may close the block), to the start of the failing line when that is a later
   * line (it may hold the next attribute), else to the next line. Always past `itemStart` and never
   * far behind the furthest point read, so broken files stay linear.
   */
  private recover(itemStart: number, itemLine: number): void {
    this.hasErrors = true;
    this.nesting = 0;
    const lx = this.lx;
    const src = this.src;
    const at = this.errorAt;
    if (at >= lx.length) {
      lx.moveTo(lx.length);
    } else if (at > itemStart && src.charCodeAt(at) === 125) {
      lx.moveTo(at);
    } else if (lx.lineAt(at) > itemLine) {
      lx.moveTo(src.lastIndexOf('\n', at - 1) + 1);
    } else {
      const nl = src.indexOf('\n', at);
      lx.moveTo(nl === -1 ? lx.length : nl + 1);
    }
  }

  private fail(): HclSyntaxError {
    this.errorAt = this.lx.nextStart();
    return SYNTAX;
  }

  private failAt(offset: number): HclSyntaxError {
    this.errorAt = offset;
    return SYNTAX;
  }

  private expect(kind: TokenKind): void {
    if (this.lx.peek() !== kind) throw this.fail();
    this.lx.advance();
  }

  /**
   * An expression at depth `d` of the tree-sitter conversion (attribute values 0, each tuple or
   * object 3 deeper); its value only when `want`, so operands and arguments cost no allocation.
   */
  private expression(d: number, want: boolean, keyMayFollow = false): HclValue {
    if (++this.nesting > MAX_NESTING) throw this.fail();
    const lx = this.lx;
    const start = lx.nextStart();
    const value = this.operation(d, want, keyMayFollow);
    if (lx.peek() === QUESTION) {
      do {
        lx.advance();
        this.expression(d, false);
        this.expect(COLON);
        this.operation(d, false, keyMayFollow);
      } while (lx.peek() === QUESTION);
      this.shape = SHAPE_TEXT;
    }
    this.nesting--;
    if (!want) return null;
    const end = lx.lastEnd;
    if (d > VALUE_DEPTH) return this.src.slice(start, Math.min(end, start + 200));
    switch (this.shape) {
      case SHAPE_VALUE:
        return value;
      case SHAPE_TEXT:
        return this.src.slice(start, Math.min(end, start + (d + 1 > VALUE_DEPTH ? 200 : 500)));
      case SHAPE_HEREDOC:
        return this.src.slice(start, Math.min(end, start + (d + 2 > VALUE_DEPTH ? 200 : 500)));
      default:
        return this.src.slice(start, end);
    }
  }

  /**
   * Unary and binary operations; precedence does not change what is accepted or read, so it is flat.
   * `<<` after an operand is `<` and a heredoc, except where the next object element's key may
   * start (`keyMayFollow`): there tree-sitter lexes it as that key's heredoc.
   */
  private operation(d: number, want: boolean, keyMayFollow: boolean): HclValue {
    const lx = this.lx;
    let unary = false;
    let kind = lx.peek();
    while (kind === MINUS || kind === BANG) {
      lx.advance();
      kind = lx.peek();
      unary = true;
    }
    const value = this.postfix(d, want && !unary);
    kind = keyMayFollow ? lx.peek() : lx.lessThan();
    if (!unary && kind !== BINARY && kind !== MINUS) return value;
    while (kind === BINARY || kind === MINUS) {
      lx.advance();
      kind = lx.peek();
      while (kind === MINUS || kind === BANG) {
        lx.advance();
        kind = lx.peek();
      }
      this.postfix(d, false);
      kind = keyMayFollow ? lx.peek() : lx.lessThan();
    }
    this.shape = SHAPE_TEXT;
    return null;
  }

  /** A term and its attribute accesses, indexes and splats. */
  private postfix(d: number, want: boolean): HclValue {
    const lx = this.lx;
    const value = this.primary(d, want);
    let chained = false;
    for (;;) {
      const kind = lx.peek();
      if (kind === DOT) {
        lx.advance();
        if (!lx.digitsAt()) this.expect(IDENT);
      } else if (kind === LBRACK) {
        lx.advance();
        this.expression(d, false);
        this.expect(RBRACK);
      } else if (kind === ATTR_SPLAT || kind === FULL_SPLAT) {
        lx.advance();
      } else {
        break;
      }
      chained = true;
    }
    if (chained) this.shape = SHAPE_WHOLE;
    return value;
  }

  private primary(d: number, want: boolean): HclValue {
    const lx = this.lx;
    const start = lx.nextStart();
    switch (lx.kind) {
      case NUMBER:
        lx.advance();
        this.shape = SHAPE_VALUE;
        return want ? this.literal(start, d, Number(this.src.slice(start, lx.lastEnd))) : null;
      case IDENT: {
        const length = lx.end - start;
        const src = this.src;
        if (length === 4 && src.startsWith('true', start)) return this.keywordLiteral(start, d, want, true);
        if (length === 5 && src.startsWith('false', start)) return this.keywordLiteral(start, d, want, false);
        if (length === 4 && src.startsWith('null', start)) return this.keywordLiteral(start, d, want, null);
        lx.advance();
        if (lx.peek() === LPAREN) {
          lx.advance();
          this.arguments();
        }
        this.shape = SHAPE_TEXT;
        return null;
      }
      case QUOTE: {
        lx.advance();
        this.template(null, true, false);
        this.shape = SHAPE_VALUE;
        if (!want) return null;
        if (d + 2 > VALUE_DEPTH) return this.src.slice(start, Math.min(lx.lastEnd, start + 200));
        return this.templated ? this.src.slice(start + 1, lx.lastEnd - 1) : this.stringText(start + 1, lx.lastEnd - 1);
      }
      case HEREDOC:
        lx.advance();
        this.heredoc();
        this.shape = SHAPE_HEREDOC;
        return null;
      case LBRACK:
        lx.advance();
        if (this.atFor()) {
          this.forIntro();
          this.expression(d, false);
          if (lx.acceptKeywordPrefix('if')) this.expression(d, false);
          this.expect(RBRACK);
          this.shape = SHAPE_TEXT;
          return null;
        }
        return this.tuple(start, d, want);
      case LBRACE:
        lx.advance();
        if (this.atFor()) {
          this.forIntro();
          this.expression(d, false);
          this.expect(ARROW);
          this.expression(d, false);
          if (lx.peek() === ELLIPSIS) lx.advance();
          if (lx.acceptKeywordPrefix('if')) this.expression(d, false);
          this.expect(RBRACE);
          this.shape = SHAPE_TEXT;
          return null;
        }
        return this.object(start, d, want);
      case LPAREN:
        lx.advance();
        this.expression(d, false);
        this.expect(RPAREN);
        this.shape = SHAPE_WHOLE;
        return null;
      default:
        throw this.fail();
    }
  }

  /** Literal nodes sit two below `expression`: past the depth cut they were read as text too. */
  private literal(start: number, d: number, value: HclValue): HclValue {
    return d + 2 > VALUE_DEPTH ? this.src.slice(start, Math.min(this.lx.lastEnd, start + 200)) : value;
  }

  private keywordLiteral(start: number, d: number, want: boolean, value: boolean | null): HclValue {
    this.lx.advance();
    this.shape = SHAPE_VALUE;
    return want ? this.literal(start, d, value) : null;
  }

  /** `for` right after `[` or `{` is the keyword, as tree-sitter lexes it; `for_each` is a name. */
  private atFor(): boolean {
    const lx = this.lx;
    return lx.peek() === IDENT && lx.end - lx.start === 3 && this.src.startsWith('for', lx.start);
  }

  /** `for k, v in collection :` */
  private forIntro(): void {
    const lx = this.lx;
    lx.advance();
    this.expect(IDENT);
    if (lx.peek() === COMMA) {
      lx.advance();
      this.expect(IDENT);
    }
    if (!lx.acceptKeywordPrefix('in')) throw this.fail();
    this.expression(0, false);
    this.expect(COLON);
  }

  private arguments(): void {
    const lx = this.lx;
    if (lx.peek() !== RPAREN) {
      for (;;) {
        this.expression(0, false);
        const kind = lx.peek();
        if (kind === ELLIPSIS) {
          lx.advance();
          break;
        }
        if (kind !== COMMA) break;
        lx.advance();
        if (lx.peek() === RPAREN) break;
      }
    }
    this.expect(RPAREN);
  }

  private tuple(start: number, d: number, want: boolean): HclValue {
    const lx = this.lx;
    const inner = want && d + 2 <= VALUE_DEPTH;
    const items: HclValue[] = [];
    while (lx.peek() !== RBRACK) {
      const value = this.expression(d + 3, inner);
      if (inner) items.push(value);
      if (lx.peek() !== COMMA) break;
      lx.advance();
    }
    this.expect(RBRACK);
    this.shape = SHAPE_VALUE;
    if (!want) return null;
    return inner ? items : this.src.slice(start, Math.min(lx.lastEnd, start + 200));
  }

  private object(start: number, d: number, want: boolean): HclValue {
    const lx = this.lx;
    const inner = want && d + 2 <= VALUE_DEPTH;
    const result: Record<string, HclValue> = {};
    while (lx.peek() !== RBRACE) {
      const keyStart = lx.start;
      const key = this.expression(d + 3, inner);
      const keyEnd = lx.lastEnd;
      const separator = lx.peek();
      if (separator !== EQUALS && separator !== COLON) throw this.fail();
      lx.advance();
      const value = this.expression(d + 3, inner, true);
      // Plain assignment, as the conversion did: a later duplicate wins, `__proto__` behaves the same.
      if (inner) result[typeof key === 'string' ? key : this.src.slice(keyStart, keyEnd)] = value;
      if (lx.peek() === COMMA) lx.advance();
    }
    lx.advance();
    this.shape = SHAPE_VALUE;
    if (!want) return null;
    return inner ? result : this.src.slice(start, Math.min(lx.lastEnd, start + 200));
  }

  /** A block label after its opening quote: no interpolation there, `${` is plain text. */
  private label(): string {
    const start = this.lx.pos;
    this.template(null, false, false);
    return this.stringText(start, this.lx.lastEnd - 1);
  }

  /** A string without interpolation was read from its first to its last character that is not whitespace. */
  private stringText(start: number, end: number): string {
    const src = this.src;
    while (start < end && isScannerSpace(src.charCodeAt(start))) start++;
    while (end > start && isScannerSpace(src.charCodeAt(end - 1))) end--;
    return src.slice(start, end);
  }

  /** After `<<` or `<<-`: the identifier, then the content up to the line holding only that identifier. */
  private heredoc(): void {
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
  private template(marker: string | null | undefined, interpolations: boolean, inDirective: boolean): number {
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
        // The closing marker is looked for after whitespace that holds a line break, as the scanner did.
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
            lx.consumeTo(markerEnd);
            this.templated = templated;
            return END;
          }
          if (j >= length) throw this.failAt(length);
          // The scanner took the marker, the spaces and one more character as text.
          i = j + 1;
        }
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
      this.expect(IDENT);
      if (lx.peek() === COMMA) {
        lx.advance();
        this.expect(IDENT);
      }
      if (!lx.acceptKeywordPrefix('in')) throw this.fail();
      this.expression(0, false);
      this.directiveEnd();
      if (this.template(marker, true, true) !== ENDFOR) throw this.failAt(lx.lastEnd);
    } else {
      throw this.fail();
    }
    this.nesting--;
    return END;
  }

  private directiveEnd(): void {
    if (this.lx.peek() === TILDE) this.lx.advance();
    this.closingBrace();
  }

  private closingBrace(): void {
    if (this.lx.closingBrace() !== RBRACE) throw this.fail();
    this.lx.advance();
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
