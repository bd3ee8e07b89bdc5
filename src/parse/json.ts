import { countNodes } from './yaml.js';

/** JSON.parse with the same bounds as YAML: a deeply nested or enormous value is an error, not a crash. */
export function parseJson(text: string, maxNodes: number): { value: unknown } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'empty file' };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    if (error instanceof RangeError) return { error: 'nested too deeply to parse' };
    return { error: (error as Error).message.replace(/^JSON\.parse: /, '').slice(0, 200) };
  }
  if (countNodes(value, maxNodes) > maxNodes) return { error: `more than ${maxNodes} values: not read` };
  return { value };
}
