import { createRequire } from 'node:module';
import type { Node as TsNode, Parser as TsParser } from 'web-tree-sitter';
import type { HclAttribute, HclBlock, HclFile, HclValue } from '../../src/parse/hcl.js';
import { shortenLongLines } from '../../src/parse/long-lines.js';

/**
 * The tree-sitter conversion parseHcl used before the hand-written parser, kept as the reference
 * the equivalence tests and the benchmark compare against. Nothing in the scan imports it.
 */

let parser: TsParser | undefined;
let loading: Promise<void> | undefined;

export function initReferenceParser(): Promise<void> {
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

export function parseHclReference(text: string): HclFile {
  if (!parser) throw new Error('reference HCL parser used before initReferenceParser()');
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

/** The tree tree-sitter builds, as an S-expression, for investigating differences. */
export function referenceTree(text: string): string {
  if (!parser) throw new Error('reference HCL parser used before initReferenceParser()');
  const tree = parser.parse(shortenLongLines(text));
  if (!tree) return '';
  try {
    return tree.rootNode.toString();
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
