import { Lexer, RBRACE, type TokenKind } from './lexer.js';

/**
 * What every part of the HCL parser shares: the text, the lexer and the state of one parse, and
 * how an error unwinds. The parser is one recursive descent cut into layers, each a class extending
 * the one below it, so each file reads one part of the grammar:
 *
 *   reader.ts       this state and the errors
 *   templates.ts    quoted strings, heredocs, `${ }` and `%{ }` (TemplateReader)
 *   expressions.ts  operators, terms, tuples, objects, `for` (ExpressionReader)
 *   parser.ts       the file: bodies, attributes, blocks and recovery from errors (Parser)
 *
 * A template holds expressions and an expression holds templates; the lower layer declares
 * `expression()` abstract and the one above supplies it, so no two files import each other.
 */

/** Deeper nesting is an error: the stack stays bounded whatever the file. */
export const MAX_NESTING = 200;
/** Depth past which the tree-sitter conversion read any node as its text, cut to 200 characters. */
export const VALUE_DEPTH = 64;

// How an expression is read, like the tree-sitter node under `expression` was.
/** A single literal, string, template, tuple or object: its value. */
export const SHAPE_VALUE = 0;
/** One node read as source text cut to 500 characters: reference, call, operation, conditional, for. */
export const SHAPE_TEXT = 1;
/** A heredoc: text cut to 500 characters, one node deeper than SHAPE_TEXT. */
export const SHAPE_HEREDOC = 2;
/** Several nodes (a term with index or attribute access, a parenthesised expression): the whole text. */
export const SHAPE_WHOLE = 3;

class HclSyntaxError extends Error {}
/**
 * Errors unwind with this one shared exception to the body item they occurred in (Parser.body),
 * which skips ahead and carries on; where the error was found is in `errorAt`.
 */
export const SYNTAX = new HclSyntaxError('HCL syntax error');

export abstract class HclReader {
  protected readonly src: string;
  protected lx: Lexer;
  protected hasErrors = false;
  protected nesting = 0;
  /** Where the error being unwound was found. */
  protected errorAt = 0;
  /** Shape of the expression term just parsed. */
  protected shape = SHAPE_VALUE;
  /** Whether the template just scanned held an interpolation or directive. */
  protected templated = false;

  constructor(text: string) {
    this.src = text;
    this.lx = new Lexer(text);
  }

  protected fail(): HclSyntaxError {
    this.errorAt = this.lx.nextStart();
    return SYNTAX;
  }

  protected failAt(offset: number): HclSyntaxError {
    this.errorAt = offset;
    return SYNTAX;
  }

  protected expect(kind: TokenKind): void {
    if (this.lx.peek() !== kind) throw this.fail();
    this.lx.advance();
  }

  protected closingBrace(): void {
    if (this.lx.closingBrace() !== RBRACE) throw this.fail();
    this.lx.advance();
  }
}
