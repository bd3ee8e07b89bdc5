/** What the HCL parser gives detectors: blocks with their attributes, values and lines. */

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
  /** True when the parser had to recover from syntax errors. */
  hasErrors: boolean;
}
