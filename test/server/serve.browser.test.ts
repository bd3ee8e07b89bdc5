import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/open.js';
import { enginesToTest, freshStore } from '../store/engines.js';
import { recordAssessment } from '../../src/store/record.js';
import { HOSTILE, reportAt, seedYear, WEEKS } from './seed.js';

/**
 * The dashboard in Debian's chromium, against a store seeded with a generated year of weekly
 * assessments, on SQLite and on PostgreSQL. Skips only without chromium outside CI. Screenshots
 * go to K8SM_ARTIFACTS when set (for a person to look at), else to a temporary folder.
 */
const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
const ANTI_PATTERNS = [{ id: 'static-secrets', name: 'Plaintext Secrets in git' }];

function listen(store: Store, host: string, token?: string): Promise<{ server: ServerType; base: string }> {
  const app = createApp({ store, antiPatterns: ANTI_PATTERNS, ...(token ? { token } : {}) });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: 0 }, (info: AddressInfo) => resolve({ server, base: `http://127.0.0.1:${info.port}` }));
  });
}

describe.skipIf(skip).each(enginesToTest())('the dashboard on %s', (engine) => {
  let store: Store;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const foreign: string[] = [];
  const artifacts = join(process.env.K8SM_ARTIFACTS ?? mkdtempSync(join(tmpdir(), 'k8sm-shots-')), engine);

  beforeAll(async () => {
    store = await openStore(await freshStore(engine));
    await seedYear(store);
    ({ server, base } = await listen(store, '127.0.0.1'));
    mkdirSync(artifacts, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) foreign.push(r.url());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    await store?.close();
  });

  it('organization: the stage now, the trend drawn over the year, the heat map in words, what changed', async () => {
    await page.goto(`${base}/`);
    expect(await page.locator('h1').innerText()).toBe('acme');
    expect(await page.locator('.big-stage strong').innerText()).toBe('2');
    // One line per series (organization and three teams) with a point for each recorded week.
    expect(await page.locator('svg.stage-chart polyline').count()).toBe(4);
    expect(await page.locator('svg.stage-chart circle').count()).toBe(WEEKS * 4);
    expect(await page.locator('svg.stage-chart circle.backfilled').count()).toBe(13 * 4);
    const heat = await page.locator('table.heat').innerText();
    expect(heat).toMatch(/✔ met/);
    expect(heat).toMatch(/✘ missing/);
    expect(await page.locator('section[aria-labelledby="changes"]').innerText()).toMatch(/regression.*plaintext Secret/is);
    await page.screenshot({ path: join(artifacts, 'organization.png'), fullPage: true });
  });

  it('filters live in the URL: the 90-day window shows fewer assessments', async () => {
    await page.goto(`${base}/?org=acme&since=90d`);
    const points = await page.locator('svg.stage-chart circle').count();
    expect(points).toBeGreaterThan(0);
    expect(points).toBeLessThan(WEEKS * 4);
    expect(await page.locator('.filters strong[aria-current]').innerText()).toBe('90d');
  });

  it('team and repository pages, reached by keyboard-focusable links', async () => {
    await page.goto(`${base}/`);
    await page.locator('table.heat a', { hasText: 'payments' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/teams\/payments/);
    expect(await page.locator('h1').innerText()).toBe('Team payments');
    expect(await page.locator('svg.stage-chart polyline').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('ol.roadmap').innerText()).toMatch(/OpenTelemetry/);
    await page.screenshot({ path: join(artifacts, 'team.png'), fullPage: true });
    await page.goto(`${base}/repositories/checkout-api`);
    expect(await page.locator('h1').innerText()).toBe('checkout-api');
    expect(await page.locator('main').innerText()).toMatch(/k8s\/secret\.yaml:4/);
    await page.screenshot({ path: join(artifacts, 'repository.png'), fullPage: true });
  });

  it('changes: the planted regression first, with its evidence', async () => {
    await page.goto(`${base}/changes`);
    const first = page.locator('ol.regressions li').first();
    expect(await first.innerText()).toMatch(/checkout-api|Secret/);
    expect(await page.locator('ol.regressions').innerText()).toMatch(/k8s\/secret\.yaml:4/);
    await page.screenshot({ path: join(artifacts, 'changes.png'), fullPage: true });
  });

  it('changes: the evidence of a capability is its move and what blocks it, as file:line lists, never raw JSON', async () => {
    await page.goto(`${base}/changes`);
    const regressions = page.locator('ol.regressions');
    expect(await regressions.innerText()).not.toMatch(/[{}]|"capability"/);
    const monitoring = regressions.locator('li.capability-evidence', { hasText: 'blocked by' }).first();
    expect(await monitoring.innerText()).toMatch(/monitoring: partial — metrics are scraped but nothing alerts on them/);
    expect(await monitoring.locator('ul.blockers > li').innerText()).toMatch(/blocked by alerting-rules\s+platform-infra\/monitoring\/rules\.yaml:12 \(PrometheusRule deleted\)/);
    // A stage that fell names the capabilities that took it down, with their move.
    expect(await regressions.locator('li.capability-evidence', { hasText: 'health-checks' }).first().innerText()).toMatch(/health-checks \(organization\): met → partial/);
  });

  it('assessments: each run listed, with a CSV export and a JSON twin', async () => {
    await page.goto(`${base}/assessments`);
    expect(await page.locator('table tbody tr').count()).toBe(WEEKS);
    await page.screenshot({ path: join(artifacts, 'assessments.png'), fullPage: true });
    const csv = await fetch(`${base}/assessments.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,at,kind/);
    expect(lines).toHaveLength(WEEKS + 1);
    const api = (await (await fetch(`${base}/api/assessments`)).json()) as unknown[];
    expect(api).toHaveLength(WEEKS);
  });

  it('a hostile repository runs no script: names are text, no dialog, nothing from another origin', async () => {
    await page.goto(`${base}/`);
    await page.goto(`${base}/repositories/${encodeURIComponent(HOSTILE)}`);
    expect(await page.locator('h1').innerText()).toBe(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    await page.goto(`${base}/teams/${encodeURIComponent(HOSTILE)}`);
    expect(await page.locator('h1').innerText()).toBe(`Team ${HOSTILE}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
    const headers = (await fetch(`${base}/`)).headers;
    expect(headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('answers the browser\'s favicon request with no content, not a 404 in every page\'s console', async () => {
    const icon = await fetch(`${base}/favicon.ico`);
    expect(icon.status).toBe(204);
  });

  it('errors are pages, never stack traces', async () => {
    const missing = await fetch(`${base}/repositories/no-such-repo`);
    expect(missing.status).toBe(404);
    const text = await missing.text();
    expect(text).toMatch(/no repository no-such-repo/);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect((await fetch(`${base}/changes?from=nonsense`)).status).toBe(400);
  });

  it('asks for a token off loopback: 401 without it, the page with it, compared in constant time', async () => {
    const token = 'a-long-enough-test-token-0123456789';
    const guarded = await listen(store, '0.0.0.0', token);
    try {
      expect((await fetch(`${guarded.base}/`)).status).toBe(401);
      expect((await fetch(`${guarded.base}/api/assessments`)).status).toBe(401);
      expect((await fetch(`${guarded.base}/`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
      expect((await fetch(`${guarded.base}/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      const viaLink = await fetch(`${guarded.base}/?token=${token}`, { redirect: 'manual' });
      expect(viaLink.status).toBe(303);
      expect(viaLink.headers.get('location')).toBe('/');
      expect(viaLink.headers.get('set-cookie')).toMatch(/HttpOnly/);
    } finally {
      guarded.server.close();
    }
  });

  it('labels two points of the same day by their time, not with the same date twice', async () => {
    // An organization of its own, scanned twice on one day (as the README's first trend is).
    for (const [id, at] of [['twice-1', '2025-03-01T06:00:00.000Z'], ['twice-2', '2025-03-01T18:30:00.000Z']] as const) {
      const report = { ...reportAt(WEEKS - 2), organization: 'twice', generatedAt: at };
      await recordAssessment(store, report as never, JSON.stringify(report), { id, at, kind: 'scan', ranBy: {}, sources: [] });
    }
    await page.goto(`${base}/?org=twice&since=all`);
    const axis = await page.locator('svg.stage-chart > text.x-label').allTextContents();
    expect(axis).toEqual(['2025-03-01 06:00', '2025-03-01 18:30']);
    await page.screenshot({ path: join(artifacts, 'same-day.png'), fullPage: true });
  });

  it('is readable on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${base}/`);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390 + 1);
    await phone.screenshot({ path: join(artifacts, 'phone.png'), fullPage: true });
    await phone.close();
  });
});

afterAll(() => {
  if (!process.env.K8SM_ARTIFACTS) rmSync(join(tmpdir(), 'k8sm-shots-none'), { recursive: true, force: true });
});
