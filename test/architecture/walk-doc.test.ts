import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DOC = join(ROOT, 'docs', 'architecture.md');
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

/** Every relative link `[text](target)` of a Markdown text, outside code blocks. */
function relativeLinks(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map(([, target]) => target!).filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
}

describe('links between the documents', () => {
  it('lead to files that exist, from README.md and every page of docs/', () => {
    const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
    const broken: string[] = [];
    for (const page of pages) {
      for (const target of relativeLinks(readFileSync(join(ROOT, page), 'utf8'))) {
        const file = join(ROOT, dirname(page), decodeURIComponent(target.split('#')[0]!));
        if (!existsSync(file)) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('finds a broken link, and leaves web addresses and anchors alone', () => {
    const text = '[a](missing.md) [b](https://example.com/x) [c](#section) [d](../src/x.ts#L3)\n```\n[e](in-code.md)\n```\n';
    expect(relativeLinks(text)).toEqual(['missing.md', '../src/x.ts#L3']);
  });
});
