import { parseHclText } from './hcl/parser.js';
import { shortenLongLines } from './long-lines.js';

/**
 * HCL (Terraform, Packer, Terragrunt) through a hand-written lexer and recursive-descent parser
 * (src/parse/hcl/): positions for every block, tolerant of broken files, and fast enough that a
 * repository of hundreds of .tf files costs milliseconds. It reads what the tree-sitter HCL grammar
 * read before it, value for value (test/parse/hcl-tree-sitter-reference.ts keeps that conversion
 * for the equivalence tests).
 */

export type { HclAttribute, HclBlock, HclFile, HclValue } from './hcl/types.js';
import type { HclBlock, HclFile } from './hcl/types.js';

export function parseHcl(text: string): HclFile {
  try {
    return parseHclText(shortenLongLines(text));
  } catch {
    // The parser bounds its depth and handles every error it knows; this is the net under a bug.
    return { blocks: [], hasErrors: true };
  }
}

/** Every block of the file, nested ones included, depth first. */
export function allBlocks(file: HclFile): HclBlock[] {
  const out: HclBlock[] = [];
  const stack = [...file.blocks].reverse();
  while (stack.length > 0) {
    const block = stack.pop()!;
    out.push(block);
    for (let i = block.blocks.length - 1; i >= 0; i--) stack.push(block.blocks[i]!);
  }
  return out;
}
