/**
 * Tokens of HCL's native syntax. The lexer only knows the expression-level tokens: the inside of
 * strings and heredocs depends on where the parser is (a block label takes no `${`), so the parser
 * scans templates itself, character by character, from the position after the opening token.
 *
 * What counts as a token follows tree-sitter's HCL grammar, not the HCL specification, because
 * the output must stay the same as the tree-sitter conversion it replaced: `a-b` and `a::b` are
 * single identifiers, `1e5` is not a number (an exponent needs a fraction), `[*]` is one token.
 */

export const EOF = 0;
export const IDENT = 1;
export const NUMBER = 2;
/** The opening `"` of a string or template. */
export const QUOTE = 3;
/** `<<` or `<<-`. */
export const HEREDOC = 4;
export const LBRACE = 5;
export const RBRACE = 6;
export const LBRACK = 7;
export const RBRACK = 8;
export const LPAREN = 9;
export const RPAREN = 10;
export const COMMA = 11;
export const DOT = 12;
/** `.*` */
export const ATTR_SPLAT = 13;
/** `[*]` */
export const FULL_SPLAT = 14;
export const ELLIPSIS = 15;
export const EQUALS = 16;
/** `=>` */
export const ARROW = 17;
export const QUESTION = 18;
export const COLON = 19;
/** Any binary operator but `-`, which is also unary. */
export const BINARY = 20;
export const MINUS = 21;
export const BANG = 22;
export const TILDE = 23;
/** A character no token starts with. */
export const INVALID = 24;

export type TokenKind = number;

// The grammar's own classes. They follow the Unicode version of the running Node (17 on Node 20),
// while tree-sitter's tables were generated from an older one: a character added since (e.g.
// U+1ACF) can be part of a name here and a syntax error there. No real file was seen to differ.
export const ID_START = /^\p{ID_Start}$/u;
export const ID_CONTINUE = /^\p{ID_Continue}$/u;

/**
 * The whitespace the grammar's external scanner skips (musl's iswspace) inside strings and heredocs:
 * it decides where a string's text starts and ends and where a heredoc's closing marker stands.
 */
export function isScannerSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0x85 || (c >= 0x2000 && c <= 0x200a && c !== 0x2007) || c === 0x2028 || c === 0x2029 || c === 0x205f || c === 0x3000;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII characters of a heredoc's identifier (the scanner's iswalnum, `_` and `-`). */
export function isHeredocIdChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

export function isAlphanumeric(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
