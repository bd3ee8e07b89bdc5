import { describe, expect, it } from 'vitest';
import { codeLines } from './code-lines.js';

describe('code lines', () => {
  it('skips block comments, cut-off comment ends and the given line comments', () => {
    const text = '/* header\n   kubectl apply */ pipeline {\n// sh "trivy"\n\n  # jsonnet comment\n  sh "helm upgrade" /* trailing */\n/* one line */\n';
    expect(codeLines(text, /^(\/\/|#)/)).toEqual([
      { text: 'pipeline {', line: 2 },
      { text: 'sh "helm upgrade" /* trailing */', line: 6 },
    ]);
    expect(codeLines(undefined, /^\/\//)).toEqual([]);
  });
});
