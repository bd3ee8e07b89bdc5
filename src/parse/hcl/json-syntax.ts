import type { HclAttribute, HclBlock, HclFile, HclValue } from './types.js';

/**
 * Terraform's JSON syntax (`*.tf.json`, OpenTofu's `*.tofu.json`), written by generators such as
 * CDK for Terraform and Terranix, read into the same blocks as native HCL so every Terraform fact
 * (providers, resources, modules, helm_release charts) sees both forms.
 * https://developer.hashicorp.com/terraform/language/syntax/json
 *
 * JSON has no positions: each block and attribute gets the line where its key is first written
 * after the previous one's, which is where it is in a file JSON.parse read in document order.
 */

/** Block types and how many labels their keys nest: `"resource": { "TYPE": { "NAME": { … } } }`. */
const LABELS: Record<string, number> = {
  resource: 2, data: 2, module: 1, provider: 1, variable: 1, output: 1, check: 1, terraform: 0, locals: 0, moved: 0, import: 0, removed: 0,
};
/** Nested blocks of a `terraform` block, with their label counts (`"backend": { "s3": { … } }`). */
const TERRAFORM_BLOCKS: Record<string, number> = { required_providers: 0, backend: 1, cloud: 0 };

/** The blocks of a file's parsed JSON `value` (parsed with the repository's bounds), lines found in its `text`. */
export function terraformJsonBlocks(value: unknown, text: string): HclFile {
  if (!isObject(value)) return { blocks: [], hasErrors: true };
  const cursor = new Cursor(text);
  const blocks: HclBlock[] = [];
  for (const [type, body] of Object.entries(value)) {
    const labels = LABELS[type];
    // `//` is the syntax's comment key; a block type Terraform does not know is not read.
    if (labels === undefined) continue;
    cursor.find(type);
    blocks.push(...labelled(type, labels, body, [], cursor));
  }
  return { blocks, hasErrors: false };
}

/** The blocks under `labels` more levels of keys; a body may be an array of bodies (`"provider": { "aws": [ … ] }`). */
function labelled(type: string, labels: number, body: unknown, above: string[], cursor: Cursor): HclBlock[] {
  if (labels > 0) {
    if (!isObject(body)) return [];
    return Object.entries(body).flatMap(([label, inner]) => {
      cursor.find(label);
      return labelled(type, labels - 1, inner, [...above, label], cursor);
    });
  }
  const bodies = Array.isArray(body) ? body : [body];
  return bodies.filter(isObject).map((one) => block(type, above, one, cursor));
}

function block(type: string, labels: string[], body: Record<string, unknown>, cursor: Cursor): HclBlock {
  const result: HclBlock = { type, labels, line: cursor.line, attributes: {}, blocks: [] };
  for (const [name, value] of Object.entries(body)) {
    if (name === '//') continue;
    const nested = type === 'terraform' ? TERRAFORM_BLOCKS[name] : undefined;
    cursor.find(name);
    if (nested !== undefined) {
      result.blocks.push(...labelled(name, nested, value, [], cursor));
      continue;
    }
    const attribute: HclAttribute = { name, value: hclValue(value), line: cursor.line };
    result.attributes[name] = attribute;
  }
  return result;
}

/** A string that is one whole `${…}` template is the expression, as the HCL reader gives it (`var.region`). */
function hclValue(value: unknown): HclValue {
  if (typeof value === 'string') {
    const whole = /^\$\{([^{}]*)\}$/.exec(value);
    return whole ? whole[1]!.trim() : value;
  }
  if (Array.isArray(value)) return value.map(hclValue);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hclValue(v)]));
  return value as HclValue;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Finds keys forward through the text, so each lands on its own occurrence in document order. */
class Cursor {
  private offset = 0;
  private lineAt = 1;
  constructor(private readonly text: string) {}

  get line(): number {
    return this.lineAt;
  }

  find(key: string): void {
    const quoted = JSON.stringify(key);
    const at = this.text.indexOf(quoted, this.offset);
    if (at < 0) return;
    for (let i = this.offset; i < at; i++) if (this.text.charCodeAt(i) === 10) this.lineAt++;
    this.offset = at + quoted.length;
  }
}
