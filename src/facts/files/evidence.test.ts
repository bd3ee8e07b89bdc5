import { describe, expect, it } from 'vitest';
import { TEMPLATE_PLACEHOLDER } from '../../parse/helm-template.js';
import { firstPerFile, uniqueEvidence, uniquePlaces } from './evidence.js';

describe('evidence de-duplication', () => {
  const items = [
    { file: 'a.yaml', line: 3, detail: `image ${TEMPLATE_PLACEHOLDER}` },
    { file: 'a.yaml', line: 1, detail: 'first line' },
    { file: 'a.yaml', line: 3, detail: 'same place again' },
    { file: 'b.yaml', line: 2, detail: 'other file' },
  ];

  it('keeps the first evidence of each place, in order', () => {
    expect(uniquePlaces(items).map((e) => e.detail)).toEqual([`image ${TEMPLATE_PLACEHOLDER}`, 'first line', 'other file']);
  });

  it('shows template values as {{…}} once places are unique', () => {
    expect(uniqueEvidence(items)[0]?.detail).toBe('image {{…}}');
  });

  it('keeps the lowest line of each file', () => {
    expect(firstPerFile(items).map((e) => `${e.file}:${e.line}`)).toEqual(['a.yaml:1', 'b.yaml:2']);
  });
});
