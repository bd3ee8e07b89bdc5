import { createRequire } from 'node:module';
import type { Node as TsNode, Parser as TsParser } from 'web-tree-sitter';
import { shortenLongLines } from './long-lines.js';

/**
 * HCL (Terraform, Packer, Terragrunt) through tree-sitter's HCL grammar compiled to WebAssembly:
 * positions for every block, tolerant of unclosed blocks, no native build. The parser is loaded
 * only when a repository has HCL files (initHclParser), so scans without Terraform pay nothing.
 */

export type HclValue = string | number | boolean | null | HclValue[] | { [key: string]: HclValue };

export interface HclAttribute {
  name: string;
  /** Literal values as data; expressions (var.x, function calls) as their source text. */
  value: HclValue;
  /** 1-based. */
  line: number;
}

export interface HclBlock {
  type: string;
  labels: string[];
  /** 1-based line of the block's first token. */
  line: number;
  attributes: Record<string, HclAttribute>;
  blocks: HclBlock[];
}

export interface HclFile {
  blocks: HclBlock[];
  /** True when tree-sitter had to recover from syntax errors. */
  hasErrors: boolean;
}

let parser: TsParser | undefined;
let loading: Promise<void> | undefined;

export function initHclParser(): Promise<void> {
  loading ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
    const language = await Language.load(wasm);
    const instance = new Parser();
    instance.setLanguage(language);
    parser = instance;
  })();
  return loading;
}

export function parseHcl(text: string): HclFile {
  if (!parser) throw new Error('HCL parser used before initHclParser()');
  const tree = parser.parse(shortenLongLines(text));
  if (!tree) return { blocks: [], hasErrors: true };
  try {
    const root = tree.rootNode;
    const body = root.children.find((c) => c?.type === 'body');
    return { blocks: body ? readBody(body).blocks : [], hasErrors: root.hasError };
  } finally {
    tree.delete();
  }
}

function readBody(body: TsNode): { attributes: Record<string, HclAttribute>; blocks: HclBlock[] } {
  const attributes: Record<string, HclAttribute> = {};
  const blocks: HclBlock[] = [];
  for (const child of body.children) {
    if (!child) continue;
    if (child.type === 'attribute') {
      const name = child.children.find((c) => c?.type === 'identifier')?.text;
      const expression = child.children.find((c) => c?.type === 'expression');
      if (name) attributes[name] = { name, value: expression ? readExpression(expression) : null, line: child.startPosition.row + 1 };
    } else if (child.type === 'block') {
      blocks.push(readBlock(child));
    }
  }
  return { attributes, blocks };
}

function readBlock(node: TsNode): HclBlock {
  let type = '';
  const labels: string[] = [];
  let inner = { attributes: {} as Record<string, HclAttribute>, blocks: [] as HclBlock[] };
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'identifier') {
      if (type === '') type = child.text;
      else labels.push(child.text);
    } else if (child.type === 'string_lit') labels.push(stringText(child));
    else if (child.type === 'body') inner = readBody(child);
  }
  return { type, labels, line: node.startPosition.row + 1, ...inner };
}

function stringText(node: TsNode): string {
  let text = '';
  for (const child of node.children) {
    if (child && child.type !== 'quoted_template_start' && child.type !== 'quoted_template_end') text += child.text;
  }
  return text;
}

function readExpression(node: TsNode, depth = 0): HclValue {
  if (depth > 64) return node.text.slice(0, 200);
  const only = node.childCount === 1 ? node.child(0) : null;
  switch (node.type) {
    case 'expression':
    case 'collection_value':
    case 'literal_value':
    case 'template_expr':
      return only ? readExpression(only, depth + 1) : node.text;
    case 'string_lit':
      return stringText(node);
    case 'quoted_template':
      return node.text.replace(/^"|"$/g, '');
    case 'numeric_lit':
      return Number(node.text);
    case 'bool_lit':
      return node.text === 'true';
    case 'null_lit':
      return null;
    case 'tuple':
      return node.namedChildren.filter((c): c is TsNode => c?.type === 'expression').map((c) => readExpression(c, depth + 1));
    case 'object': {
      const result: Record<string, HclValue> = {};
      for (const elem of node.namedChildren) {
        if (elem?.type !== 'object_elem') continue;
        const [key, value] = elem.namedChildren.filter((c): c is TsNode => c?.type === 'expression');
        if (!key) continue;
        const keyValue = readExpression(key, depth + 1);
        result[typeof keyValue === 'string' ? keyValue : key.text] = value ? readExpression(value, depth + 1) : null;
      }
      return result;
    }
    default:
      return node.text.length > 500 ? node.text.slice(0, 500) : node.text;
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
