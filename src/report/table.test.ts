import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../../test/report/load-fixture.js';
import { renderTable } from './table.js';

// eslint-disable-next-line no-control-regex
const strip = (text: string) => text.replace(/\u001b\[\d+m/g, '');
const STAGES = ['1 Bootstrapping and provisioning', '2 Team-wide adoption', '3 Project onboarding', '4 Developer enablement', '5 Cross-team adoption'];

describe('renderTable fits the terminal', () => {
  for (const width of [60, 80, 120]) {
    it(`keeps every line within ${width} columns, colour codes aside, and breaks the stage ladder between stages`, () => {
      const a = loadAssessment();
      const lines = strip(renderTable(a, { color: true, width })).split('\n');
      const over = lines.filter((l) => l.length > width);
      expect(over).toEqual([]);
      // Each stage of the ladder is whole on one line; a line of the ladder never starts with "›".
      const ladder = lines.filter((l) => /[■□] \d /.test(l));
      for (const stage of STAGES) expect(ladder.some((l) => l.includes(stage)), stage).toBe(true);
      for (const line of ladder) expect(line.trim().startsWith('›')).toBe(false);
    });
  }

  it('wraps prose without losing a word, and cuts evidence at a word boundary', () => {
    const a = loadAssessment();
    const wide = strip(renderTable(a, { color: false }));
    const narrow = strip(renderTable(a, { color: false, width: 60 }));
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    // The roadmap's "done when" sentences survive wrapping word for word.
    for (const step of a.roadmap.filter((s) => s.stage === a.stage + 1)) {
      const sentence = words(`done when: ${step.doneWhen}`).join(' ');
      expect(words(narrow).join(' ')).toContain(sentence);
    }
    // Evidence lines shortened end with "…" at a boundary of the whole line: before a space, or
    // after a separator of a long path ("…/workflows/…"), never inside a name.
    const cut = narrow.split('\n').filter((l) => l.startsWith('        ') && l.endsWith('…'));
    expect(cut.length).toBeGreaterThan(5);
    for (const line of cut) {
      const kept = line.slice(0, -1);
      const whole = wide.split('\n').find((l) => l.startsWith(kept));
      expect(whole, line).toBeDefined();
      expect(whole!.charAt(kept.length) === ' ' || /[/\\,;:=&?|-]$/.test(kept), line).toBe(true);
    }
  });

  it('leaves lines whole when no width is given (a library caller)', () => {
    const text = strip(renderTable(loadAssessment(), { color: false }));
    expect(text.split('\n').some((l) => STAGES.every((s) => l.includes(s)))).toBe(true);
  });
});
