import type { HclValue } from './types.js';
import {
  ARROW,
  ATTR_SPLAT,
  BANG,
  BINARY,
  COLON,
  COMMA,
  DOT,
  ELLIPSIS,
  EQUALS,
  FULL_SPLAT,
  HEREDOC,
  IDENT,
  LBRACE,
  LBRACK,
  LPAREN,
  MINUS,
  NUMBER,
  QUESTION,
  QUOTE,
  RBRACE,
  RBRACK,
  RPAREN,
} from './lexer.js';
import { MAX_NESTING, SHAPE_HEREDOC, SHAPE_TEXT, SHAPE_VALUE, SHAPE_WHOLE, VALUE_DEPTH } from './reader.js';
import { TemplateReader } from './templates.js';

/**
 * Expressions, read as the tree-sitter conversion read them: literals, strings, tuples and objects
 * as values, anything computed (references, calls, operations, conditionals, `for`) as its source
 * text. Operands and arguments are parsed for their syntax only and cost no allocation.
 */
export abstract class ExpressionReader extends TemplateReader {
  /**
   * An expression at depth `d` of the tree-sitter conversion (attribute values 0, each tuple or
   * object 3 deeper); its value only when `want`, so operands and arguments cost no allocation.
   */
  protected override expression(d: number, want: boolean, keyMayFollow = false): HclValue {
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
   * An object from its opening `{`; the parser also reads a whole file as one (tfvars written as
   * JSON).
   */
  protected object(start: number, d: number, want: boolean): HclValue {
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
      case IDENT:
        return this.identifierTerm(start, d, want);
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
        if (this.atFor()) return this.forTuple(d);
        return this.tuple(start, d, want);
      case LBRACE:
        lx.advance();
        if (this.atFor()) return this.forObject(d);
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

  /** `true`, `false` and `null` as values; any other name a reference or, before `(`, a call. */
  private identifierTerm(start: number, d: number, want: boolean): HclValue {
    const lx = this.lx;
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

  /** `[for v in collection : value if condition]`, after the `[`. */
  private forTuple(d: number): HclValue {
    const lx = this.lx;
    this.forIntro();
    this.expression(d, false);
    if (lx.acceptKeywordPrefix('if')) this.expression(d, false);
    this.expect(RBRACK);
    this.shape = SHAPE_TEXT;
    return null;
  }

  /** `{for k, v in collection : key => value... if condition}`, after the `{`. */
  private forObject(d: number): HclValue {
    const lx = this.lx;
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

  /** `for k, v in collection :` */
  private forIntro(): void {
    this.lx.advance();
    this.forVariablesAndCollection();
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
}
