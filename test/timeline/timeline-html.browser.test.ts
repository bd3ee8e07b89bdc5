import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { alice, bob, rawGit, TestRepo } from '../history/git-fixture.js';
import { runTimeline } from '../../src/timeline/timeline.js';
import { timelinePoints } from '../../src/timeline/points.js';
import { daysAgo } from '../history/git-fixture.js';
import { renderTimelineHtml } from '../../src/report/timeline/html.js';

/**
 * The timeline's HTML journey chart in Debian's chromium, from a real reconstructed history of a
 * repository whose folder and file names are HTML. Skips only without chromium outside CI.
 */
const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
/** Screenshots kept for a person to look at: K8SM_ARTIFACTS names the folder (default: the test's temporary one). */
const artifacts = process.env.K8SM_ARTIFACTS;

const HOSTILE = '<img src=x onerror=alert(1)>';

describe.skipIf(skip)('the timeline report in a real browser', () => {
  let work: string;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'k8sm-timeline-html-'));
    const dir = join(work, HOSTILE);
    mkdirSync(dir);
    rawGit(dir, ['init', '--quiet', '--initial-branch=main']);
    const repo = new TestRepo(dir);
    repo.commit(alice, 400, { 'terraform/main.tf': 'module "eks" {\n  source = "terraform-aws-modules/eks/aws"\n}\n' });
    repo.commit(bob, 200, { [`charts/${HOSTILE}/Chart.yaml`]: 'apiVersion: v2\nname: web\nversion: 1.0.0\n', [`charts/${HOSTILE}/templates/deploy.yaml`]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n' });
    const timeline = await runTimeline({ paths: [HOSTILE], cwd: work, points: timelinePoints({ now: daysAgo(0), at: [300, 100, 0].map((d) => daysAgo(d).toISOString()) }), toolVersion: 'test' });
    const file = join(work, 'timeline.html');
    writeFileSync(file, renderTimelineHtml(timeline));
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'k8sm-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 800 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('draws the journey: a line per series with a point per assessed date', async () => {
    expect(await page.locator('svg.journey polyline').count()).toBeGreaterThanOrEqual(1);
    // Three points: the organization's line has a circle at each.
    expect(await page.locator('svg.journey circle').count()).toBeGreaterThanOrEqual(3);
    const box = await page.locator('svg.journey').boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(await page.locator('table.grid tr').count()).toBeGreaterThanOrEqual(3);
  });

  it('shows names from the repository as text and runs none of them', async () => {
    expect(dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain(HOSTILE);
    expect(requests.every((url) => url.startsWith('file:'))).toBe(true);
  });

  it('lists the milestone with the file that proves it', async () => {
    expect(await page.locator('ol.milestones').innerText()).toMatch(/first helm in .* — charts\/<img src=x onerror=alert\(1\)>\/Chart\.yaml:2 \(chart web\)/);
  });

  it('takes a screenshot to look at', async () => {
    const out = artifacts ?? work;
    mkdirSync(out, { recursive: true });
    const png = await page.screenshot({ path: join(out, 'timeline.png'), fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
  });
});
