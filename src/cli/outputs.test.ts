import { describe, expect, it } from 'vitest';
import { pairOutputs, type OutputArgument } from './outputs.js';

const f = (value: OutputArgument['value']) => ({ kind: 'format', value }) as OutputArgument;
const o = (value: string) => ({ kind: 'output', value }) as OutputArgument;

describe('pairOutputs', () => {
  it('pairs each --output with the --format just before it, whatever the counts', () => {
    expect(pairOutputs([f('table'), f('json'), o('org.json')], false)).toEqual([{ format: 'table' }, { format: 'json', file: 'org.json' }]);
    expect(pairOutputs([f('html'), o('r.html'), o('b.svg'), f('sarif'), o('results.json')], false)).toEqual([
      { format: 'html', file: 'r.html' },
      { format: 'badge', file: 'b.svg' },
      { format: 'sarif', file: 'results.json' },
    ]);
  });

  it('defaults to the table on a terminal and JSON when piped, and to JSON for a file without a telling extension', () => {
    expect(pairOutputs([], true)).toEqual([{ format: 'table' }]);
    expect(pairOutputs([], false)).toEqual([{ format: 'json' }]);
    expect(pairOutputs([o('/dev/null')], true)).toEqual([{ format: 'json', file: '/dev/null' }]);
  });

  it('refuses the same file for two reports', () => {
    expect(() => pairOutputs([f('json'), o('out/r.json'), o('./out/r.json')], false)).toThrow(/given twice/);
  });
});
