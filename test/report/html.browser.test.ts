import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Assessment } from '../../src/model/types.js';
import { renderHtml } from '../../src/report/html.js';

/**
 * Opens the HTML report in Debian's chromium (apt-get install -y chromium). Skips only on a
 * developer machine without chromium; in CI (CI set) a missing browser fails the run.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const skip = !hasChromium && !process.env.CI;
if (skip) console.warn(`html.browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium). In CI this fails instead.`);

const fixture = JSON.parse(readFileSync(new URL('./fixtures/assessment.json', import.meta.url), 'utf8')) as Assessment;
const webUrls = { 'examples/payments-api': 'https://github.com/acme/payments-api/blob/HEAD' };
/** A command too long for its cell, and a platform team that owns no service. */
const LONG_COMMAND = 'runs `/kaniko/executor --context "$CI_PROJECT_DIR" --dockerfile "$CI_PROJECT_DIR/Dockerfile" --destination "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA" --cache=true`';
const ciEvidence = fixture.capabilities.find((c) => c.id === 'continuous-integration')!.evidence[0]!;
if ('file' in ciEvidence) ciEvidence.detail = LONG_COMMAND;
fixture.teams.push({ name: 'platform', stage: 2, stageProvisional: false, repositories: ['examples/platform-infra'], capabilities: structuredClone(fixture.capabilities) });

describe.skipIf(skip)('the HTML report in a real browser', () => {
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  let userDataDir: string;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  let pageUrl: string;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing: CI must run "apt-get install -y chromium" before the tests`);
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'k8sm-html-'));
    userDataDir = mkdtempSync(join(tmpdir(), 'k8sm-chromium-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(fixture, { webUrls }));
    pageUrl = pathToFileURL(file).href;
    // A fresh user-data dir per run: no profile, extension or cache from an earlier run.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(pageUrl, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('renders the ladder and the heat map with a real size', async () => {
    for (const selector of ['#ladder .ladder', '#heatmap']) {
      const box = await page.locator(selector).boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(100);
      expect(await page.locator(selector).isVisible()).toBe(true);
    }
    expect(await page.locator('.ladder .step').count()).toBe(5);
    expect(await page.locator('.step.current .num').textContent()).toBe('2');
  });

  it('logs no console error', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('requests nothing but the page itself', () => {
    expect(requests).toEqual([pageUrl]);
  });

  it('filters the evidence table by text and by status', async () => {
    const rows = page.locator('#evidence-table tbody tr');
    const total = await rows.count();
    expect(total).toBeGreaterThan(20);
    await page.fill('#evidence-filter', 'skaffold.yaml');
    const visible = page.locator('#evidence-table tbody tr:visible');
    expect(await visible.count()).toBe(1);
    expect(await visible.first().textContent()).toContain('skaffold.yaml:1');
    expect(await page.locator('#evidence-count').textContent()).toBe(`1 of ${total} rows`);

    await page.fill('#evidence-filter', '');
    await page.selectOption('#evidence-status', 'partial');
    const partial = await visible.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);
    for (const status of await visible.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))) expect(status).toBe('partial');

    await page.fill('#evidence-filter', 'no-such-file-anywhere');
    expect(await visible.count()).toBe(0);
    expect(await page.locator('#evidence-empty').isVisible()).toBe(true);

    await page.fill('#evidence-filter', '');
    await page.selectOption('#evidence-status', '');
    expect(await visible.count()).toBe(total);
  });

  it('shows a long evidence value cut between words, whole in its tooltip and on a click', async () => {
    const folded = page.locator('#evidence-table details.long').first();
    const summary = folded.locator('summary');
    const shown = (await summary.innerText()).trim();
    expect(shown.endsWith('…')).toBe(true);
    expect(LONG_COMMAND.startsWith(shown.slice(0, -1))).toBe(true);
    expect(LONG_COMMAND.charAt(shown.length - 1)).toBe(' ');
    expect(await summary.getAttribute('title')).toBe(LONG_COMMAND);
    expect(await folded.locator('.full').isVisible()).toBe(false);
    await summary.click();
    expect(await folded.locator('.full').isVisible()).toBe(true);
    expect(await folded.locator('.full').innerText()).toBe(LONG_COMMAND);
    // The folded part is found by the filter too.
    await page.fill('#evidence-filter', 'CI_COMMIT_SHORT_SHA');
    expect(await page.locator('#evidence-table tbody tr:visible').count()).toBe(1);
    await page.fill('#evidence-filter', '');
  });

  it('marks the service capabilities of the platform team, which owns no service, as not applicable', async () => {
    const platformColumn = (await page.locator('#heatmap thead th').allTextContents()).findIndex((t) => t.startsWith('platformteam'));
    expect(platformColumn).toBeGreaterThan(1);
    const cell = page.locator('#heatmap tbody tr', { hasText: 'Health checks' }).locator('td').nth(platformColumn - 1);
    expect((await cell.innerText()).trim()).toBe('— n/a');
    const monitoring = page.locator('#heatmap tbody tr', { hasText: 'Monitoring' }).first().locator('td').nth(platformColumn - 1);
    expect(await monitoring.innerText()).not.toContain('n/a');
  });

  it('links evidence to file lines when a web URL is known', async () => {
    const href = await page.locator('#evidence-table a[href*="skaffold.yaml"]').getAttribute('href');
    expect(href).toBe('https://github.com/acme/payments-api/blob/HEAD/skaffold.yaml#L1');
  });

  it('takes a non-trivial screenshot', async () => {
    const full = await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    const size = pngSize(full);
    expect(size.width).toBe(1280);
    expect(size.height).toBeGreaterThan(1500);
    expect(full.length).toBeGreaterThan(50_000);

    const ladder = await page.locator('#ladder').screenshot({ path: join(dir, 'ladder.png') });
    expect(distinctColors(ladder)).toBeGreaterThan(10);
    const heat = await page.locator('#heatmap').screenshot({ path: join(dir, 'heatmap.png') });
    expect(distinctColors(heat)).toBeGreaterThan(10);

    await page.locator('#summary').screenshot({ path: join(dir, 'summary.png') });
    await page.screenshot({ path: join(dir, 'viewport.png') });
    const keep = process.env.K8SM_SCREENSHOT_DIR;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      for (const name of ['report.png', 'ladder.png', 'heatmap.png', 'summary.png', 'viewport.png']) copyFileSync(join(dir, name), join(keep, name));
    }
  });

  it('prints to PDF', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.locator('.controls').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });
});

/* ---------------------------------------------------------------- tiny PNG reader (8-bit RGB/RGBA) */

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Counts distinct colours of a PNG as chromium writes it (8-bit, RGB or RGBA, non-interlaced). */
function distinctColors(png: Buffer): number {
  const { width, height } = pngSize(png);
  const colorType = png[25];
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (png[24] !== 8 || channels === 0 || png[28] !== 0) throw new Error('unexpected PNG format');
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = Buffer.alloc(stride);
  const cur = Buffer.alloc(stride);
  const colors = new Set<number>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? cur[x - channels]! : 0;
      const up = prev[x]!;
      const upLeft = x >= channels ? prev[x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += left;
      else if (filter === 2) v += up;
      else if (filter === 3) v += (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        v += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      cur[x] = v & 0xff;
    }
    for (let x = 0; x < stride; x += channels) colors.add((cur[x]! << 16) | (cur[x + 1]! << 8) | cur[x + 2]!);
    cur.copy(prev);
  }
  return colors.size;
}
