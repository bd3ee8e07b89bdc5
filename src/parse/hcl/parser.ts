import type { HclAttribute, HclBlock, HclFile } from './types.js';
import { EOF, EQUALS, IDENT, LBRACE, Lexer, QUOTE, RBRACE } from './lexer.js';
import { ExpressionReader } from './expressions.js';
import { MAX_NESTING, SYNTAX } from './reader.js';

/**
 * Recursive descent over HCL's native syntax, building the HclFile the tree-sitter conversion built:
 * the language accepted and the values read are tree-sitter's (newlines are plain whitespace,
 * attributes in one line need no separator, a string's text drops the whitespace at its ends).
 * The layers below read expressions (expressions.ts) and templates (templates.ts); reader.ts says
 * how they fit together.
 *
 * Errors unwind with one shared exception to the body item they occurred in; the body skips ahead
 * and carries on, so everything before the error and most things after it are kept.
 */
export function parseHclText(text: string): HclFile {
  return new Parser(text).file();
}

class Parser extends ExpressionReader {
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
}
