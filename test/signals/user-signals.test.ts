import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../helpers/fixtures.js';
import { scanOrganization } from '../../src/scan/organization.js';
import type { FileEvidence, ObjectEvidence } from '../../src/core/types.js';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { DETECTORS } from '../../src/detectors/registry.js';
import { userDetectors } from '../../src/detectors/footprint-detector.js';
import { RepositoryScans } from '../../src/scan/parallel.js';
import { signalDefinitionSchema } from '../../src/signals/schema.js';

/**
 * A platform team's own tools, described only in YAML in the configuration: a home-grown `shipit`
 * deploy CLI run from CI and an internal Helm chart. Nothing in the model or the code names them.
 */
const CONFIG = `organization: acme
repositories: [platform]
history: { enabled: false }
signals:
  - id: shipit
    name: ShipIt (acme's deploy CLI)
    category: cd
    capability: continuous-delivery
    description: The shipit CLI deploys a service to a cluster from CI.
    footprint:
      commands: ["shipit deploy", "shipit rollout"]
      files: [{ glob: "**/shipit.yaml", contains: "environments:" }]
  - include: signals/
`;

const INTERNAL_CHART = `id: acme-web-chart
name: acme platform/web chart
category: cd
capability: continuous-delivery
description: Services are released with the internal platform/web chart from charts.acme.internal.
footprint:
  charts: ["oci://charts.acme.internal/platform/*"]
`;

const DEPLOY_WORKFLOW = `name: deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Deploy
        run: shipit deploy --env prod
`;

const RELEASE_SCRIPT = `#!/bin/sh
set -eu
helm upgrade --install web oci://charts.acme.internal/platform/web --version 3.2.0 -f values/prod.yaml
`;

function organization(extra: Record<string, string> = {}): string {
  return writeTree({
    '.k8s-maturity.yaml': CONFIG,
    'signals/acme-web-chart.yaml': INTERNAL_CHART,
    'platform/.github/workflows/deploy.yml': DEPLOY_WORKFLOW,
    'platform/.github/workflows/release.yml': 'name: release\non: [workflow_dispatch]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./scripts/release.sh\n',
    'platform/scripts/release.sh': RELEASE_SCRIPT,
    'platform/README.md': 'We deploy with shipit deploy and the oci://charts.acme.internal/platform/web chart.\n',
    ...extra,
  });
}

async function scan(root: string) {
  return scanOrganization({ paths: [], config: join(root, '.k8s-maturity.yaml'), cwd: root, now: new Date('2026-12-01T00:00:00Z'), toolVersion: '0.0.0-test' });
}

describe('signals defined in the configuration', () => {
  it('finds a home-grown deploy CLI and an internal chart with file and line, and they meet continuous delivery', async () => {
    const assessment = await scan(organization());
    const repo = assessment.repositories[0]!;
    const places = (id: string) => (repo.detections.find((d) => d.id === id)?.evidence ?? []).map((e) => `${(e as FileEvidence).file}:${(e as FileEvidence).line}`);
    expect(places('shipit')).toEqual(['.github/workflows/deploy.yml:11']);
    expect(places('acme-web-chart')).toEqual(['scripts/release.sh:3']);
    // Reports say where the signal was defined.
    const shipit = repo.detections.find((d) => d.id === 'shipit')!.evidence[0] as FileEvidence;
    expect(shipit.detail).toContain('shipit deploy --env prod');
    expect(shipit.detail).toContain('signal defined in .k8s-maturity.yaml (signals[0])');
    const chart = repo.detections.find((d) => d.id === 'acme-web-chart')!.evidence[0] as FileEvidence;
    expect(chart.detail).toContain('signals/acme-web-chart.yaml');

    const delivery = assessment.capabilities.find((c) => c.id === 'continuous-delivery')!;
    expect(delivery.status).toBe('met');
    expect(delivery.signals).toEqual(expect.arrayContaining(['shipit', 'acme-web-chart']));
  });

  it('is what meets continuous delivery when shipit is the only deploy step (a README mention is no evidence)', async () => {
    const only = { 'platform/.github/workflows/release.yml': 'name: lint\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n', 'platform/scripts/release.sh': '#!/bin/sh\nmake lint\n' };
    const without = await scan(organization({ ...only, '.k8s-maturity.yaml': 'organization: acme\nrepositories: [platform]\nhistory: { enabled: false }\n' }));
    // Not met (missing, or unknown where the repository's kind says too little).
    expect(without.capabilities.find((c) => c.id === 'continuous-delivery')!.status).not.toBe('met');
    expect(without.repositories[0]!.detections.map((d) => d.id)).not.toContain('shipit');
    const withSignals = await scan(organization(only));
    const delivery = withSignals.capabilities.find((c) => c.id === 'continuous-delivery')!;
    expect(delivery.status).toBe('met');
    expect(delivery.signals).toEqual(['shipit']);
  });

  it('says which key is wrong and how to fix it', async () => {
    const bad = CONFIG.replace('commands: ["shipit deploy", "shipit rollout"]', 'comands: ["shipit deploy"]');
    await expect(scan(organization({ '.k8s-maturity.yaml': bad }))).rejects.toThrow(/signals\[0\]\.footprint.*unknown key "comands"/);
    const nested = CONFIG.replace('"shipit rollout"', '"/(a+)+$/"');
    await expect(scan(organization({ '.k8s-maturity.yaml': nested }))).rejects.toThrow(/signals\[0\]\.footprint\.commands\[1\]: a quantified group .* backtrack catastrophically/);
    const capability = CONFIG.replace('capability: continuous-delivery', 'capability: continous-delivery');
    await expect(scan(organization({ '.k8s-maturity.yaml': capability }))).rejects.toThrow(/no capability "continous-delivery" \(did you mean "continuous-delivery"\?\)/);
    const clash = CONFIG.replace('id: shipit', 'id: argo-cd');
    await expect(scan(organization({ '.k8s-maturity.yaml': clash }))).rejects.toThrow(/"argo-cd" is a built-in signal/);
  });

  it('never reads signal files outside the configuration\'s folder', async () => {
    const outside = writeTree({ 'evil.yaml': INTERNAL_CHART.replace('acme-web-chart', 'evil') });
    const escape = organization({ '.k8s-maturity.yaml': CONFIG.replace('include: signals/', `include: ../${outside.split('/').pop()}`) });
    await expect(scan(escape)).rejects.toThrow(/leads outside the configuration's folder/);
    const linked = organization();
    mkdirSync(join(linked, 'more'));
    symlinkSync(join(outside, 'evil.yaml'), join(linked, 'more', 'evil.yaml'));
    writeFileSync(join(linked, '.k8s-maturity.yaml'), CONFIG.replace('include: signals/', 'include: more/'));
    await expect(scan(linked)).rejects.toThrow(/links outside the configuration's folder/);
  });
});

describe('k8s-maturity signals', () => {
  it('lists the configuration\'s own signals with where they were defined', () => {
    const root = organization();
    const cli = join(import.meta.dirname, '..', '..', 'bin', 'k8s-maturity.cjs');
    const result = spawnSync('node', [cli, 'signals', '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as { id: string; category?: string; definedIn?: string }[];
    expect(rows.find((r) => r.id === 'shipit')).toMatchObject({ category: 'cd', definedIn: '.k8s-maturity.yaml (signals[0])' });
    expect(rows.find((r) => r.id === 'acme-web-chart')).toMatchObject({ definedIn: 'signals/acme-web-chart.yaml' });
    expect(rows.find((r) => r.id === 'argo-cd')).toMatchObject({ category: 'gitops' });
    expect(rows.find((r) => r.id === 'argo-cd')).not.toHaveProperty('definedIn');
  });
});

describe('signals of the configuration on worker threads', () => {
  it('are found by the workers of an organization scan too', async () => {
    const root = organization();
    const files = [{ definedIn: '.k8s-maturity.yaml (signals[0])', definition: signalDefinitionSchema.parse({ id: 'shipit', name: 'ShipIt', category: 'cd', description: 'shipit deploys', footprint: { commands: ['shipit deploy'] } }) }];
    const worker = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'scan', 'scan-worker.js'));
    const jobs = [0, 1, 2].map(() => ({ root: join(root, 'platform'), label: 'platform' }));
    const scans = new RepositoryScans(jobs, { limits: DEFAULT_LIMITS, detectors: [...DETECTORS, ...userDetectors(files)], signalFiles: files, workers: 2, workerUrl: worker });
    // On worker threads indeed, not on this one.
    expect(scans.parallel).toBe(true);
    try {
      for (const index of [0, 1, 2]) {
        const scanned = await scans.result(index);
        expect(scanned.detections.find((d) => d.id === 'shipit')?.evidence.map((e) => `${(e as FileEvidence).file}:${(e as FileEvidence).line}`)).toEqual(['.github/workflows/deploy.yml:11']);
      }
    } finally {
      await scans.close();
    }
  });
});

describe('signals of the configuration in clusters', () => {
  it('recognises a user signal\'s image in a cluster snapshot', async () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shipit-agent', namespace: 'platform' }, spec: { template: { spec: { containers: [{ name: 'agent', image: 'registry.acme.io/acme/shipit-agent:1.4.2' }] } } } };
    const root = organization({
      '.k8s-maturity.yaml': CONFIG.replace('commands: ["shipit deploy", "shipit rollout"]', 'commands: ["shipit deploy"]\n      images: ["acme/shipit-agent"]').replace('repositories: [platform]', 'repositories: [platform]\nclusters:\n  - snapshot: prod.json'),
      'prod.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [deployment] }),
    });
    const assessment = await scan(root);
    const shipit = assessment.clusters[0]!.detections.find((d) => d.id === 'shipit');
    expect(shipit?.evidence.map((e) => (e as ObjectEvidence).object)).toEqual(['apps/v1 Deployment platform/shipit-agent']);
  });
});

describe('footprint keys for configurations, CRDs and install manifests', () => {
  const signal = {
    definedIn: '.k8s-maturity.yaml (signals[0])',
    definition: signalDefinitionSchema.parse({
      id: 'shipit',
      name: 'ShipIt',
      category: 'cd',
      description: 'The ShipIt deploy controller, its CRDs and its configuration.',
      onePlacePerFile: true,
      footprint: {
        objects: [{ group: 'shipit.acme.io' }],
        crds: ['shipit.acme.io'],
        configs: [{ name: 'shipit.y{a,}ml', matches: ['/^environments\\s*:/', '/^[ \\t]+cluster\\s*:/'], contains: 'environments', detail: 'ShipIt configuration with environments' }],
      },
    }),
  };
  const [detector] = userDetectors([signal]);

  it('finds a configuration by name and content, on disk and as a ConfigMap key, the CRDs, and one place per install file', async () => {
    const root = writeTree({
      'shipit.yaml': 'version: 2\nenvironments:\n  prod:\n    cluster: eu-1\n',
      'docs/shipit.yaml': 'environments:\n  demo:\n    cluster: kind\n',
      'other/shipit.yml': 'environments: []\n',
      'deploy/shipit-config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shipit\ndata:\n  shipit.yaml: |\n    environments:\n      prod:\n        cluster: eu-1\n',
      'deploy/crds.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: releases.shipit.acme.io\nspec:\n  group: shipit.acme.io\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: targets.shipit.acme.io\nspec:\n  group: shipit.acme.io\n',
      'deploy/releases.yaml': 'apiVersion: shipit.acme.io/v1\nkind: Release\nmetadata:\n  name: web\n---\napiVersion: shipit.acme.io/v1\nkind: Release\nmetadata:\n  name: api\n',
    });
    const result = await detectIn(detector!, root);
    // docs/ is not own use; other/shipit.yml has no cluster; each install file is one place.
    expect(places(result).sort()).toEqual(['deploy/crds.yaml:1', 'deploy/releases.yaml:1', 'deploy/shipit-config.yaml:7', 'shipit.yaml:2']);
    expect(result.evidence.find((e) => (e as FileEvidence).file === 'deploy/shipit-config.yaml')?.detail).toContain('ConfigMap shipit, key shipit.yaml');
  });
});
