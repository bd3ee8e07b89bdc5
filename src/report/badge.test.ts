import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../../test/report/load-fixture.js';
import { STAGE_COLORS, renderBadge, textWidth } from './badge.js';

/** A minimal well-formedness check: balanced tags, quoted attributes, no stray "<" or "&". */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (const m of xml.matchAll(token)) {
    consumed += m[0].length;
    if (m[5] !== undefined) {
      expect(m[5]).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
      continue;
    }
    const [, closing, name, , selfClosing] = m;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(consumed).toBe(xml.length);
  expect(stack).toEqual([]);
}

describe('renderBadge', () => {
  it('is well-formed SVG with a title and an aria-label', () => {
    const svg = renderBadge(loadAssessment());
    assertWellFormedXml(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>k8s maturity: stage 2 (Team-wide adoption), provisional</title>');
    expect(svg).toContain('aria-label="k8s maturity: stage 2 (Team-wide adoption), provisional"');
  });

  it('carries the stage text and the colour of each stage', () => {
    const expected = ['#e05d44', '#fe7d37', '#dfb317', '#a4a61d', '#97ca00', '#4c1'];
    for (let stage = 0; stage <= 5; stage++) {
      const a = loadAssessment();
      a.stage = stage;
      const svg = renderBadge(a);
      expect(STAGE_COLORS[stage]).toBe(expected[stage]);
      expect(svg).toContain(`>stage ${stage}</text>`);
      expect(svg).toContain(`fill="${expected[stage]}"`);
      expect(svg).toContain('fill="#555"');
      assertWellFormedXml(svg);
    }
  });

  it('sizes the halves from the text length', () => {
    const svg = renderBadge(loadAssessment());
    const label = textWidth('k8s maturity') + 10;
    const value = textWidth('stage 2') + 10;
    expect(svg).toContain(`width="${label + value}" height="20"`);
    expect(svg).toContain(`<rect x="${label}" width="${value}"`);
    expect(textWidth('stage 2')).toBeGreaterThan(40);
    expect(textWidth('k8s maturity')).toBeGreaterThan(textWidth('stage 2'));
  });
});
