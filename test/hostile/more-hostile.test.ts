import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type Limits } from '../../src/core/limits.js';
import { DETECTORS } from '../../src/detectors/registry.js';
import { scanRepository } from '../../src/scan/scan-repository.js';
import { repoWith } from './helpers.js';

/**
 * The rest of the hostile-input catalogue, in process (test/hostile/hostile.test.ts has the first
 * part, test/hostile/cli.test.ts the cases that need a real process). Each case: a warning naming
 * the file and the reason, and the rest of the repository still scanned. No case asserts a
 * duration (speed targets live in bench/): the test timeout is only a guard against a hang.
 */

const MB = 1024 * 1024;

async function scan(root: string, limits: Limits = DEFAULT_LIMITS) {
  const started = performance.now();
  const result = await scanRepository(root, DETECTORS, limits);
  return { ...result, ms: performance.now() - started };
}
type Scan = Awaited<ReturnType<typeof scan>>;

function warningFor(result: Scan, file: string): string {
  return result.warnings.filter((w) => w.file === file).map((w) => w.message).join(' | ');
}
const healthy = (result: Scan) => result.detections.some((d) => d.id === 'k8s-manifests' && d.evidence.some((e) => 'file' in e && e.file === 'k8s/web.yaml'));
const detectorFailures = (result: Scan) => result.warnings.filter((w) => w.file.startsWith('(detector '));

/** A ConfigMap of about `bytes` bytes, one short key per line. */
function bigConfigMap(bytes: number): string {
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n';
  const parts = [head];
  let size = head.length;
  const value = 'x'.repeat(80);
  for (let i = 0; size < bytes; i++) {
    const line = `  key${i}: "${value}"\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

describe('more hostile repository content', () => {
  it('skips a 50 MB YAML file at the default limit, quickly and without reading it', async () => {
    const result = await scan(repoWith({ 'k8s/big.yaml': bigConfigMap(50 * MB) }));
    expect(warningFor(result, 'k8s/big.yaml')).toMatch(/^too large to parse \(50\.0 MB > limit 5\.0 MB\): skipped$/);
    expect(healthy(result)).toBe(true);
  });

  it('reads files made of a single 10 MB line within bounded time when the limit allows them', async () => {
    const line = 'x'.repeat(10 * MB);
    const files = {
      'k8s/one-line.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one-line}\ndata: {blob: "${line}"}\n`,
      'k8s/no-newline.yaml': `kind: ConfigMap # ${line}`,
      Dockerfile: `FROM alpine:3.20\nRUN echo ${line}\n`,
      'main.tf': `resource "aws_eks_cluster" "main" {\n  name = "${line}"\n}\n`,
      'package.json': `{"name":"x","description":"${line}","dependencies":{"@opentelemetry/api":"1.9.0"}}`,
    };
    const result = await scan(repoWith(files), { ...DEFAULT_LIMITS, maxFileBytes: 20 * MB });
    expect(detectorFailures(result)).toEqual([]);
    const ids = result.detections.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['docker', 'terraform', 'eks', 'opentelemetry']));
    expect(healthy(result)).toBe(true);
  });

  it('refuses a huge flow sequence on one line by its node count', async () => {
    const items = Array.from({ length: 300_000 }, (_, i) => i).join(',');
    const result = await scan(repoWith({ 'k8s/flow.yaml': `apiVersion: v1\nkind: List\nitems: [${items}]\n` }));
    expect(warningFor(result, 'k8s/flow.yaml')).toMatch(/YAML: line 1: expands to more than 200000 nodes/);
    expect(healthy(result)).toBe(true);
  });

  it('survives JSON 10,000 to 300,000 levels deep in every JSON file a detector reads', async () => {
    const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const files = {
      'package.json': deep(10_000),
      'web/package.json': deep(300_000),
      'cloudformation/eks.json': `{"AWSTemplateFormatVersion":"2010-09-09","Resources":${deep(10_000)}}`,
      'arm/aks.json': `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":${deepArray(10_000)}}`,
      'renovate.json': deepArray(100_000),
      'packer.json': `{"builders":${deepArray(10_000)}}`,
      'spinnaker/pipeline.json': deep(10_000),
      'jsonnetfile.json': deep(10_000),
      'k8s/deep.json': `{"apiVersion":"v1","kind":"List","items":${deepArray(10_000)}}`,
    };
    const result = await scan(repoWith(files));
    // Valid JSON however deep: read, or refused with a warning over the node limit; never a detector crash.
    expect(detectorFailures(result)).toEqual([]);
    expect(warningFor(result, 'web/package.json')).toMatch(/^JSON: more than 200000 values: not read$/);
    expect(healthy(result)).toBe(true);
  });

  it('refuses a billion-laughs bomb of nested mappings inside a Helm chart template, and still sees the chart', async () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: {{ include "app.fullname" . }}', 'data:'];
    lines.push(`  l0: &l0 {${Array.from({ length: 10 }, (_, i) => `k${i}: "{{ .Values.lol }}"`).join(', ')}}`);
    for (let level = 1; level < 9; level++) {
      lines.push(`  l${level}: &l${level}`);
      for (let i = 0; i < 10; i++) lines.push(`    k${i}: {nested: {deeper: *l${level - 1}}}`);
    }
    const files = {
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'charts/app/values.yaml': 'lol: lol\n',
      'charts/app/templates/bomb.yaml': lines.join('\n') + '\n',
    };
    const result = await scan(repoWith(files));
    expect(warningFor(result, 'charts/app/templates/bomb.yaml')).toMatch(/alias bomb/);
    expect(result.detections.map((d) => d.id)).toContain('helm');
    expect(healthy(result)).toBe(true);
  });

  it('never follows a chart folder that is a symlink to a folder outside the tree', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'k8sm-outside-chart-'));
    writeFileSync(join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: outside\nstringData:\n  password: CANARY-CHART-OUTSIDE\n');
    writeFileSync(join(outside, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: outside-app\n');
    const root = repoWith({ 'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n' });
    symlinkSync(outside, join(root, 'charts', 'app', 'templates'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'charts', 'app', 'values.yaml'));
    const result = await scan(root);
    expect(warningFor(result, 'charts/app/templates')).toMatch(/outside the scanned tree/);
    expect(warningFor(result, 'charts/app/values.yaml')).toMatch(/outside the scanned tree/);
    const text = JSON.stringify(result);
    expect(text).not.toContain('CANARY-CHART-OUTSIDE');
    expect(text).not.toContain('outside-app');
    expect(result.detections.map((d) => d.id)).toContain('helm');
    expect(healthy(result)).toBe(true);
  });

  it('lists 50,000 empty files, and stops at --max-files with a warning', async () => {
    const root = repoWith({});
    for (let d = 0; d < 100; d++) {
      mkdirSync(join(root, 'empty', `d${d}`), { recursive: true });
      for (let i = 0; i < 500; i++) writeFileSync(join(root, 'empty', `d${d}`, `f${i}.yaml`), '');
    }
    const full = await scan(root);
    expect(full.files).toBe(50_001);
    expect(detectorFailures(full)).toEqual([]);
    expect(healthy(full)).toBe(true);

    const capped = await scan(root, { ...DEFAULT_LIMITS, maxFiles: 1000 });
    expect(capped.files).toBe(1000);
    expect(capped.warnings.filter((w) => /^file limit reached \(1000 files\): the rest of the repository was not scanned$/.test(w.message))).toHaveLength(1);
  }, 300_000); // a hang guard, not a speed target: creating the files alone is slow on a busy machine
});

describe('shortenLongLines', () => {
  it('keeps the start and end of an overlong line and every line number', async () => {
    const { shortenLongLines } = await import('../../src/parse/long-lines.js');
    const text = `a\nname = "${'x'.repeat(100)}"\nb\n`;
    const short = shortenLongLines(text, 20);
    expect(short.split('\n')).toEqual(['a', `name = "${'x'.repeat(11)}"`, 'b', '']);
    expect(shortenLongLines('short\ntext', 20)).toBe('short\ntext');
    expect(shortenLongLines('y'.repeat(50), 20)).toBe('y'.repeat(20));
  });
});
