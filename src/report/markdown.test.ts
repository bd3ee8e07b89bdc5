import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOSTILE, WEB_URLS, hostileAssessment, loadAssessment } from '../../test/report/load-fixture.js';
import { fileWebUrl, renderMarkdown } from './markdown.js';

const golden = new URL('../../test/report/golden/assessment.md', import.meta.url);

describe('renderMarkdown', () => {
  it('matches the golden file for the acme fixture (UPDATE_GOLDEN=1 rewrites it)', () => {
    const md = renderMarkdown(loadAssessment(), { webUrls: WEB_URLS });
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, md);
    expect(md).toBe(readFileSync(golden, 'utf8'));
  });

  it('puts the headline stage, the next stage and the provisional note first', () => {
    const md = renderMarkdown(loadAssessment());
    const head = md.split('\n## ')[0]!;
    expect(head).toContain('stage 2 of 5, Team-wide adoption');
    expect(head).toContain('Next: stage 3, Project onboarding');
    expect(head).toContain('Provisional');
  });

  it('links evidence to the line only when a web URL is known for its repository', () => {
    const md = renderMarkdown(loadAssessment(), { webUrls: WEB_URLS });
    expect(md).toContain('[payments-api/skaffold.yaml:1](https://github.com/acme/payments-api/blob/HEAD/skaffold.yaml#L1)');
    expect(md).not.toContain('github.com/acme/platform-infra');
    expect(md).toContain('platform-infra/terraform/eks.tf:3');
    expect(renderMarkdown(loadAssessment())).not.toContain('](https://github.com');
  });

  it('lists the next stage required steps before the optional ones and the later stages', () => {
    const md = renderMarkdown(loadAssessment());
    const probes = md.indexOf('Add readiness and liveness probes');
    const optional = md.indexOf('### Optional for stage 3');
    const later = md.indexOf('### Later stages');
    expect(probes).toBeGreaterThan(0);
    expect(optional).toBeGreaterThan(probes);
    expect(later).toBeGreaterThan(optional);
  });

  it('shows every status with its icon and coverage', () => {
    const md = renderMarkdown(loadAssessment());
    expect(md).toContain('| 3 | 🟡 | Health checks `health-checks` | required | partial · 7 of 9 containers |');
    expect(md).toContain('| 2 | ❔ | Team-wide ownership of the platform');
    expect(md).toContain('| 5 | 📝 | API audit logging `audit-logging` | optional | met by attestation |');
    expect(md).toContain('⛔ `static-secrets`');
  });

  it('collapses long evidence lists and the warnings into <details>', () => {
    const md = renderMarkdown(loadAssessment());
    expect(md).toContain('<details><summary>🟡 <b>Health checks</b> <code>health-checks</code> · 9 places</summary>');
    expect(md).toContain('<details><summary>⚠️ 3 warnings</summary>');
  });

  it('escapes hostile file names and details so they stay text', () => {
    const md = renderMarkdown(hostileAssessment(), { webUrls: { [`examples/${HOSTILE}`]: 'https://example.test/blob/HEAD' } });
    // Inside a code span `<img …>` is shown literally; everywhere else it must be escaped.
    const outsideCode = md.replace(/`[^`\n]*`/g, '');
    expect(outsideCode).not.toContain(HOSTILE);
    expect(outsideCode).not.toContain('<script>');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md).toContain('\\[x\\](javascript:alert(1)) \\| \\*\\*bold\\*\\*');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The link target is percent-encoded, so no raw "<" or ")" can end the link early.
    expect(md).toContain('https://example.test/blob/HEAD/deploy/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.yaml#L');
  });

  it('builds web URLs only from http(s) bases, with encoded path segments', () => {
    expect(fileWebUrl({ r: 'https://github.com/a/b/blob/HEAD/' }, 'r', 'dir/a b.yaml', 7)).toBe('https://github.com/a/b/blob/HEAD/dir/a%20b.yaml#L7');
    expect(fileWebUrl({ r: 'javascript:alert(1)' }, 'r', 'a.yaml', 1)).toBeUndefined();
    expect(fileWebUrl({ r: 'https://x' }, 'other', 'a.yaml', 1)).toBeUndefined();
  });
});
