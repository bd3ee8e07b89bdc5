import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HOSTILE, WEB_URLS, hostileAssessment, loadAssessment } from '../../test/report/load-fixture.js';
import { renderHtml } from './html.js';
import { REPORT_SCRIPT } from './html/script.js';

describe('renderHtml', () => {
  it('escapes a hostile repository path, file name and detail everywhere', () => {
    const html = renderHtml(hostileAssessment(), { webUrls: { [`examples/${HOSTILE}`]: 'https://example.test/blob/HEAD' } });
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img/i);
    // An attribute-breaking name stays inside its attribute.
    const a = hostileAssessment();
    a.capabilities[0]!.reason = '" onmouseover="alert(1)';
    a.capabilities[0]!.name = "x' autofocus onfocus='alert(1)";
    const attr = renderHtml(a);
    expect(attr).not.toContain('" onmouseover="');
    expect(attr).not.toContain("' onfocus='");
    expect(attr).toContain('&quot; onmouseover=&quot;alert(1)');
    expect(html).toContain('href="https://example.test/blob/HEAD/deploy/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.yaml#L');
  });

  it('asks for nothing from another host: no src, no external stylesheet, a strict CSP', () => {
    const html = renderHtml(loadAssessment(), { webUrls: WEB_URLS });
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain("default-src 'none'");
    const hash = createHash('sha256').update(REPORT_SCRIPT).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
  });

  it('shows the ladder, the heat map, coverage bars, the roadmap and filterable evidence', () => {
    const html = renderHtml(loadAssessment());
    expect(html.match(/<li class="step/g)).toHaveLength(5);
    expect(html).toContain('<table class="heatmap" id="heatmap">');
    expect(html).toContain('aria-valuenow="7"');
    expect(html).toContain('<b>7 of 9</b> containers (78%)');
    expect(html).toContain('Roadmap to stage 3: Project onboarding');
    expect(html).toContain('id="evidence-filter"');
    expect(html).toContain('<span class="sym" aria-hidden="true">◐</span> partial 7/9');
  });

  it('credits the article the model comes from in the footer', () => {
    const html = renderHtml(loadAssessment());
    const footer = html.slice(html.indexOf('<footer>'));
    expect(footer).toContain('The 5 Stages of Kubernetes Maturity – Illustrated by Tools');
    expect(footer).toContain('Yonathan Koren');
  });
});
