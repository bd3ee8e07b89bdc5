import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOC = resolve(import.meta.dirname, '..', '..', 'docs', 'architecture.md');
/** [`name()`](../src/x.ts), [`Name.method()`](…), [`Name`](…): a name shown as code, linked to its file. */
const LINK = /\[`([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?(?:\(\))?`\]\((\.\.\/src\/[^)#]+\.ts)\)/g;

describe('docs/architecture.md, the newcomer walk', () => {
  it('links only to files that exist, naming what each defines', () => {
    const text = readFileSync(DOC, 'utf8');
    const missing: string[] = [];
    let links = 0;
    for (const [, name, member, target] of text.matchAll(LINK)) {
      links++;
      const file = join(dirname(DOC), target!);
      if (!existsSync(file)) {
        missing.push(`${target}: no such file`);
        continue;
      }
      const source = readFileSync(file, 'utf8');
      const defines = new RegExp(`\\b(function|class|const|let|interface|type)\\s+${name}\\b`).test(source);
      if (!defines) missing.push(`${target}: defines no ${name}`);
      if (member !== undefined && !new RegExp(`^\\s+(async\\s+)?${member}\\s*[(<]`, 'm').test(source)) missing.push(`${target}: ${name} has no ${member}`);
    }
    expect(missing).toEqual([]);
    expect(links).toBeGreaterThanOrEqual(12);
  });
});
