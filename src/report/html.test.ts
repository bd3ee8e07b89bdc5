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

describe('renderHtml: long values and teams without services', () => {
  const KANIKO = '/kaniko/executor --context "$CI_PROJECT_DIR" --dockerfile "$CI_PROJECT_DIR/Dockerfile" --destination "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA" --cache=true --cache-repo "$CI_REGISTRY_IMAGE/cache"';

  it('folds a long evidence value: cut between words with an ellipsis, the whole value in the tooltip and one click away', () => {
    const a = loadAssessment();
    const evidence = a.capabilities.find((c) => c.id === 'continuous-integration')!.evidence[0]!;
    if (!('file' in evidence)) throw new Error('fixture changed');
    evidence.detail = `runs \`${KANIKO}\``;
    const html = renderHtml(a);
    const folded = /<details class="long"><summary title="([^"]*)">([^<]*)<\/summary><span class="full">([^<]*)<\/span><\/details>/.exec(html);
    expect(folded).not.toBeNull();
    const [, title, shown, full] = folded!;
    const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(unescape(title!)).toBe(`runs \`${KANIKO}\``);
    expect(unescape(full!)).toBe(`runs \`${KANIKO}\``);
    const cut = unescape(shown!);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(120);
    // Every word shown is a whole word of the value: nothing cut mid-word.
    for (const word of cut.slice(0, -1).split(' ')) expect(`runs \`${KANIKO}\``.split(' ')).toContain(word);
    // Short values stay as they are.
    expect(html).toContain('<td>module terraform-aws-modules/vpc/aws</td>');
  });

  it('shows "n/a" for the service capabilities of a team that owns no service repository, and its platform statuses', () => {
    const a = loadAssessment();
    a.teams.push({ name: 'platform', stage: 2, stageProvisional: false, repositories: ['examples/platform-infra'], capabilities: structuredClone(a.capabilities) });
    const html = renderHtml(a);
    const heat = html.slice(html.indexOf('<table class="heatmap"'), html.indexOf('</table>', html.indexOf('<table class="heatmap"')));
    const row = (name: string) => heat.split('<tr>').find((r) => r.includes(`>${name}<`) || r.includes(`>${name} <`))!;
    const platformCell = (name: string) => row(name).split('<td').at(-1)!;
    expect(platformCell('Health checks')).toContain('— n/a');
    expect(platformCell('Health checks')).toContain('team platform owns no service repository');
    expect(platformCell('Monitoring')).not.toContain('n/a');
    expect(html).toContain('— n/a: the team owns no service repository');
    expect(renderHtml(loadAssessment())).not.toContain('— n/a');
    // The teams that own services keep their own coverage.
    expect(row('Health checks').split('<td')[2]).not.toContain('n/a');
  });
});
