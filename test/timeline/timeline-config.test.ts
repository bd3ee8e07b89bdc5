import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, daysAgo, TestRepo } from '../history/git-fixture.js';
import { runTimeline, type Timeline } from '../../src/timeline/timeline.js';
import { timelinePoints } from '../../src/timeline/points.js';
import { scanOrganization } from '../../src/scan/organization.js';

/**
 * The timeline reads the configuration as `scan` does: its own signals (a home-grown deploy CLI
 * run from CI) and its own end-of-life table (node 22 unsupported early) are found at the points
 * whose commits have them, and nowhere before.
 */
const CONFIG = `organization: acme
repositories: [api]
history: { enabled: false }
eolTable: policy/eol.yaml
signals:
  - id: shipit
    name: ShipIt (acme's deploy CLI)
    category: cd
    capability: continuous-delivery
    description: The shipit CLI deploys a service to a cluster from CI.
    footprint:
      commands: ["shipit deploy"]
`;
const OWN_TABLE = "asOf: '2026-01-31'\nimages:\n  node:\n    - { cycle: 22, eol: '2025-12-31' }   # our own support ends early\n";
const DOCKERFILE = 'FROM node:22-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]\n';
const WORKFLOW = 'name: deploy\non: { push: { branches: [main] } }\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: shipit deploy --env prod\n';

let work: string;
let timeline: Timeline;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-timeline-config-'));
  mkdirSync(join(work, 'api'));
  mkdirSync(join(work, 'policy'));
  writeFileSync(join(work, '.k8s-maturity.yaml'), CONFIG);
  writeFileSync(join(work, 'policy', 'eol.yaml'), OWN_TABLE);
  const api = new TestRepo(join(work, 'api'));
  api.git(['init', '--quiet', '--initial-branch=main']);
  api.commit(alice, 300, { 'server.js': 'require("http").createServer((q, s) => s.end("ok")).listen(8080);\n' }, 'first');
  api.commit(alice, 200, { Dockerfile: DOCKERFILE }, 'container');
  api.commit(alice, 100, { '.github/workflows/deploy.yaml': WORKFLOW }, 'deploy with shipit');
  const points = timelinePoints({ now: daysAgo(0), at: [250, 150, 50].map((d) => daysAgo(d).toISOString()) });
  timeline = await runTimeline({ paths: [], cwd: work, points, toolVersion: 'test' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const detectionAt = (point: number, id: string) => timeline.points[point]!.assessment.repositories[0]!.detections.find((d) => d.id === id);

describe('timeline with the configuration’s own signals and end-of-life table', () => {
  it('finds an own signal from the point its file was committed', () => {
    expect(detectionAt(0, 'shipit')).toBeUndefined();
    expect(detectionAt(1, 'shipit')).toBeUndefined();
    expect(detectionAt(2, 'shipit')?.evidence).toEqual([expect.objectContaining({ file: '.github/workflows/deploy.yaml', detail: expect.stringContaining('shipit deploy') })]);
  });

  it('flags a base image by the own end-of-life table, as the scan of the same tree does', async () => {
    expect(detectionAt(0, 'eol-base-images')).toBeUndefined();
    const details = (point: number) => detectionAt(point, 'eol-base-images')?.evidence.map((e) => ('detail' in e ? e.detail : ''));
    expect(details(1)).toEqual([expect.stringMatching(/^FROM node:22-alpine — node 22 reached end of life on 2025-12-31/)]);
    expect(details(2)).toEqual(details(1));
    // Today's point is the work tree's commit: it says what `scan` says.
    const scan = await scanOrganization({ paths: [], cwd: work, toolVersion: 'test', now: new Date(timeline.points[2]!.at) });
    const scanned = scan.repositories[0]!.detections;
    expect(scanned.find((d) => d.id === 'eol-base-images')?.evidence).toEqual(detectionAt(2, 'eol-base-images')?.evidence);
    expect(scanned.find((d) => d.id === 'shipit')?.evidence).toEqual(detectionAt(2, 'shipit')?.evidence);
  });
});
