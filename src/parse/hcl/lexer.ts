/** The lexer of HCL's native syntax: the token kinds and character classes are in tokens.ts. */
import {
  EOF, IDENT, NUMBER, QUOTE, HEREDOC, LBRACE, RBRACE, LBRACK, RBRACK, LPAREN, RPAREN, COMMA, DOT,
  ATTR_SPLAT, FULL_SPLAT, ELLIPSIS, EQUALS, ARROW, QUESTION, COLON, BINARY, MINUS, BANG, TILDE,
  INVALID, type TokenKind, ID_START, ID_CONTINUE, isScannerSpace, isDigit, isAsciiLetter,
  isAlphanumeric,
} from './tokens.js';

export * from './tokens.js';

export class Lexer {
  readonly src: string;
  readonly length: number;
  /** Where the next token is lexed from. */
  pos = 0;
  /** The peeked token, valid while `kind` is not -1. */
  kind: TokenKind = -1;
  start = 0;
  end = 0;
  /** End of the last consumed token: where the expression being parsed ends so far. */
  lastEnd = 0;
  // Searches for `*/` and NUL are remembered: repeating them from every `/*` of a broken file would
  // make it quadratic.
  private commentSearchFrom = -1;
  private commentEnd = -1;
  private nul: number;
  private lineCursor = 0;
  private lineAtCursor = 1;

  constructor(src: string) {
    this.src = src;
    this.length = src.length;
    this.nul = src.indexOf('\0');
    // tree-sitter skips one byte order mark at the very start and nowhere else.
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  peek(): TokenKind {
    if (this.kind === -1) this.lex();
    return this.kind;
  }

  /** Consumes the peeked token. */
  advance(): void {
    if (this.kind === -1) this.lex();
    this.lastEnd = this.end;
    this.kind = -1;
  }

  text(): string {
    return this.src.slice(this.start, this.end);
  }

  /** Drops the peeked token and continues from `pos` (the parser scanned characters itself). */
  moveTo(pos: number): void {
    this.pos = pos;
    this.kind = -1;
  }

  /** Continues after characters the parser scanned itself, up to `pos`. */
  consumeTo(pos: number): void {
    this.pos = pos;
    this.lastEnd = pos;
    this.kind = -1;
  }

  /** After an operand `<<` is `<` and the start of what follows (`a <<<EOF` compares with a heredoc). */
  lessThan(): TokenKind {
    if (this.peek() === HEREDOC) {
      this.kind = BINARY;
      this.end = this.pos = this.start + 1;
    }
    return this.kind;
  }

  /**
   * Where `}` closes an interpolation or directive, the external scanner looks for it past its wider
   * whitespace; elsewhere that whitespace is an invalid character.
   */
  closingBrace(): TokenKind {
    if (this.peek() === INVALID && isScannerSpace(this.src.charCodeAt(this.start))) {
      let i = this.start;
      while (i < this.length && isScannerSpace(this.src.charCodeAt(i))) i++;
      if (this.src.charCodeAt(i) === 125) {
        this.kind = RBRACE;
        this.start = i;
        this.end = this.pos = i + 1;
      }
    }
    return this.kind;
  }

  /** Where the next token starts, trivia skipped. */
  nextStart(): number {
    this.peek();
    return this.start;
  }

  /**
   * Consumes `keyword` when the peeked identifier starts with it. Where the grammar allows a keyword
   * but no identifier (`%{ if`, `for x in`), tree-sitter lexes the keyword out of a longer word.
   */
  acceptKeywordPrefix(keyword: string): boolean {
    if (this.peek() !== IDENT || !this.src.startsWith(keyword, this.start)) return false;
    this.lastEnd = this.start + keyword.length;
    this.moveTo(this.lastEnd);
    return true;
  }

  /** 1-based line of `offset`; offsets asked for mostly grow, so counting from the last answer is linear. */
  lineAt(offset: number): number {
    const src = this.src;
    let line = this.lineAtCursor;
    let at = this.lineCursor;
    if (offset >= at) {
      for (let nl = src.indexOf('\n', at); nl !== -1 && nl < offset; nl = src.indexOf('\n', nl + 1)) line++;
    } else {
      for (let nl = src.lastIndexOf('\n', at - 1); nl >= offset; nl = nl === 0 ? -1 : src.lastIndexOf('\n', nl - 1)) line--;
    }
    at = offset;
    this.lineCursor = at;
    this.lineAtCursor = line;
    return line;
  }

  private skipTrivia(): void {
    const src = this.src;
    const length = this.length;
    let i = this.pos;
    while (i < length) {
      const c = src.charCodeAt(i);
      if (c === 32 || (c >= 9 && c <= 13)) {
        // tree-sitter's lexer knows only ASCII whitespace.
        i++;
      } else if (c === 35 || (c === 47 && src.charCodeAt(i + 1) === 47)) {
        // A comment runs to the end of the line, or to a NUL, which tree-sitter's lexer stops at.
        const nl = src.indexOf('\n', i);
        const nul = this.nulFrom(i);
        i = nl === -1 ? length : nl;
        if (nul !== -1 && nul < i) i = nul;
      } else if (c === 47 && src.charCodeAt(i + 1) === 42) {
        const close = this.commentEndFrom(i + 2);
        const nul = this.nulFrom(i);
        // Unterminated (or broken by a NUL): not a comment, so `/` becomes an operator and the parser reports it.
        if (close === -1 || (nul !== -1 && nul < close)) break;
        i = close + 2;
      } else if (c >= 128 && isScannerSpace(c) && this.quoteFollows(i)) {
        // The external scanner skips its wider whitespace before an opening quote.
        i++;
      } else {
        break;
      }
    }
    this.pos = i;
  }

  private commentEndFrom(from: number): number {
    // No `*/` lies between an earlier search's start and its result.
    if (this.commentSearchFrom === -1 || from < this.commentSearchFrom || (this.commentEnd !== -1 && from > this.commentEnd)) {
      this.commentSearchFrom = from;
      this.commentEnd = this.src.indexOf('*/', from);
    }
    return this.commentEnd;
  }

  private nulFrom(from: number): number {
    if (this.nul !== -1 && this.nul < from) this.nul = this.src.indexOf('\0', from);
    return this.nul;
  }

  private quoteFollows(i: number): boolean {
    const src = this.src;
    while (i < this.length && isScannerSpace(src.charCodeAt(i))) i++;
    return src.charCodeAt(i) === 34;
  }

  // Long because it is one switch over the next character, as the grammar's own lexer is; split
  // into functions, the hot path of every .tf file would pay a call per token for nothing.
  private lex(): void {
    this.skipTrivia();
    const src = this.src;
    let i = this.pos;
    this.start = i;
    if (i >= this.length) {
      this.kind = EOF;
      this.end = i;
      return;
    }
    const c = src.charCodeAt(i);
    const next = src.charCodeAt(i + 1);
    let kind: TokenKind;
    if (isAsciiLetter(c) || c === 95) {
      i = this.identifierEnd(i + 1);
      kind = IDENT;
    } else if (isDigit(c)) {
      i = this.numberEnd(i);
      kind = NUMBER;
    } else {
      i++;
      switch (c) {
        case 34:
          kind = QUOTE;
          break;
        case 123:
          kind = LBRACE;
          break;
        case 125:
          kind = RBRACE;
          break;
        case 91:
          if (next === 42 && src.charCodeAt(i + 1) === 93) {
            i += 2;
            kind = FULL_SPLAT;
          } else {
            kind = LBRACK;
          }
          break;
        case 93:
          kind = RBRACK;
          break;
        case 40:
          kind = LPAREN;
          break;
        case 41:
          kind = RPAREN;
          break;
        case 44:
          kind = COMMA;
          break;
        case 46:
          if (next === 42) {
            i++;
            kind = ATTR_SPLAT;
          } else if (next === 46 && src.charCodeAt(i + 1) === 46) {
            i += 2;
            kind = ELLIPSIS;
          } else {
            kind = DOT;
          }
          break;
        case 61:
          if (next === 61) {
            i++;
            kind = BINARY;
          } else if (next === 62) {
            i++;
            kind = ARROW;
          } else {
            kind = EQUALS;
          }
          break;
        case 33:
          if (next === 61) {
            i++;
            kind = BINARY;
          } else {
            kind = BANG;
          }
          break;
        case 60:
          if (next === 60) {
            i += src.charCodeAt(i + 1) === 45 ? 2 : 1;
            kind = HEREDOC;
          } else {
            if (next === 61) i++;
            kind = BINARY;
          }
          break;
        case 62:
          if (next === 61) i++;
          kind = BINARY;
          break;
        case 38:
        case 124:
          if (next === c) {
            i++;
            kind = BINARY;
          } else {
            kind = INVALID;
          }
          break;
        case 42:
        case 47:
        case 37:
        case 43:
          kind = BINARY;
          break;
        case 45:
          kind = MINUS;
          break;
        case 63:
          kind = QUESTION;
          break;
        case 58:
          kind = COLON;
          break;
        case 126:
          kind = TILDE;
          break;
        default:
          if (c >= 128 && this.isIdentifierStart(i - 1)) {
            i = this.identifierEnd(i - 1 + (this.src.codePointAt(i - 1)! > 0xffff ? 2 : 1));
            kind = IDENT;
          } else {
            kind = INVALID;
          }
      }
    }
    this.kind = kind;
    this.end = i;
    this.pos = i;
  }

  private isIdentifierStart(i: number): boolean {
    const cp = this.src.codePointAt(i)!;
    return ID_START.test(String.fromCodePoint(cp));
  }

  /** `(ID_Start | _)(ID_Continue | - | ::)*`, from just after the first character. */
  private identifierEnd(i: number): number {
    const src = this.src;
    const length = this.length;
    while (i < length) {
      const c = src.charCodeAt(i);
      if (isAlphanumeric(c) || c === 95 || c === 45) {
        i++;
      } else if (c === 58) {
        if (src.charCodeAt(i + 1) !== 58) break;
        i += 2;
      } else if (c >= 128) {
        const cp = src.codePointAt(i)!;
        if (!ID_CONTINUE.test(String.fromCodePoint(cp))) break;
        i += cp > 0xffff ? 2 : 1;
      } else {
        break;
      }
    }
    return i;
  }

  /** `[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?` or `0x[0-9a-zA-Z]+`, the longer. */
  private numberEnd(i: number): number {
    const src = this.src;
    if (src.charCodeAt(i) === 48 && src.charCodeAt(i + 1) === 120 && isAlphanumeric(src.charCodeAt(i + 2))) {
      i += 3;
      while (isAlphanumeric(src.charCodeAt(i))) i++;
      return i;
    }
    while (isDigit(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) === 46 && isDigit(src.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(src.charCodeAt(i))) i++;
      const e = src.charCodeAt(i);
      if (e === 101 || e === 69) {
        let j = i + 1;
        const sign = src.charCodeAt(j);
        if (sign === 43 || sign === 45) j++;
        if (isDigit(src.charCodeAt(j))) {
          while (isDigit(src.charCodeAt(j))) j++;
          i = j;
        }
      }
    }
    return i;
  }

  /** `[0-9]+` after a `.`: a legacy index (`a.0`), never a fraction. */
  digitsAt(): boolean {
    this.kind = -1;
    this.skipTrivia();
    const src = this.src;
    let i = this.pos;
    if (!isDigit(src.charCodeAt(i))) return false;
    while (isDigit(src.charCodeAt(i))) i++;
    this.start = this.pos;
    this.lastEnd = this.end = this.pos = i;
    return true;
  }
}
