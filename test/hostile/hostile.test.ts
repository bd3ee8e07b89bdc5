import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { DETECTORS } from '../../src/detectors/registry.js';
import { scanRepository } from '../../src/scan/scan-repository.js';

/**
 * Hostile and broken input: every case must end with a warning naming the file and the reason,
 * the rest of the repository still scanned, and nothing read outside the tree.
 */
function repoWith(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'k8sm-hostile-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  // A healthy manifest beside the hostile file proves the scan went on.
  mkdirSync(join(root, 'k8s'), { recursive: true });
  writeFileSync(join(root, 'k8s', 'web.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n');
  return root;
}

async function scan(root: string, limits = DEFAULT_LIMITS) {
  const started = Date.now();
  const result = await scanRepository(root, DETECTORS, limits);
  return { ...result, ms: Date.now() - started };
}

function warningFor(result: Awaited<ReturnType<typeof scan>>, file: string): string {
  return result.warnings.filter((w) => w.file === file).map((w) => w.message).join(' | ');
}

const healthy = (result: Awaited<ReturnType<typeof scan>>) => result.detections.some((d) => d.id === 'k8s-manifests' && d.evidence.some((e) => 'file' in e && e.file === 'k8s/web.yaml'));

describe('hostile repository content', () => {
  it('refuses a billion-laughs alias bomb with a warning and keeps scanning', async () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) lines.push(`  ${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10).fill(`*${i === 1 ? 'a' : 'b'.repeat(i - 1)}`).join(',')}]`);
    const result = await scan(repoWith({ 'bomb.yaml': lines.join('\n') }));
    expect(warningFor(result, 'bomb.yaml')).toMatch(/alias bomb/);
    expect(healthy(result)).toBe(true);
  });

  it('skips a file over the size limit without reading it', async () => {
    const big = 'apiVersion: v1\nkind: ConfigMap\ndata:\n' + '  k: "' + 'x'.repeat(6 * 1024 * 1024) + '"\n';
    const result = await scan(repoWith({ 'big.yaml': big }));
    expect(warningFor(result, 'big.yaml')).toMatch(/too large to parse/);
    expect(healthy(result)).toBe(true);
  });

  it('names a binary file with a .yaml name and invalid UTF-8', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x6b, 0x69, 0x6e, 0x64, 0x3a]);
    const invalid = Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const result = await scan(repoWith({ 'charts/x/Chart.yaml': binary, 'bad-utf8.yaml': invalid }));
    expect(warningFor(result, 'charts/x/Chart.yaml')).toMatch(/binary/);
    expect(warningFor(result, 'bad-utf8.yaml')).toMatch(/invalid UTF-8/);
    expect(healthy(result)).toBe(true);
  });

  it('reads UTF-16 with a BOM and CRLF line ends with the right line numbers', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: utf16\r\n', 'utf16le')]);
    const crlf = '# deploy\r\n---\r\napiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n  name: db\r\n';
    const result = await scan(repoWith({ 'utf16.yaml': utf16, 'crlf.yaml': crlf }));
    const manifests = result.detections.find((d) => d.id === 'k8s-manifests');
    const places = manifests?.evidence.map((e) => ('file' in e ? `${e.file}:${e.line}` : '')) ?? [];
    expect(places).toEqual(expect.arrayContaining(['utf16.yaml:1', 'crlf.yaml:3']));
  });

  it('does not block on a FIFO named Chart.yaml', async () => {
    const root = repoWith({});
    mkdirSync(join(root, 'charts', 'pipe'), { recursive: true });
    execFileSync('mkfifo', [join(root, 'charts', 'pipe', 'Chart.yaml')]);
    const result = await scan(root);
    expect(warningFor(result, 'charts/pipe/Chart.yaml')).toMatch(/not a regular file/);
    expect(healthy(result)).toBe(true);
  });

  it('never follows symlinks out of the tree, and survives a symlink loop', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'k8sm-outside-'));
    writeFileSync(join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: outside\nstringData:\n  password: CANARY-OUTSIDE-TREE\n');
    const root = repoWith({});
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'linked-secret.yaml'));
    symlinkSync(outside, join(root, 'linked-dir'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    const result = await scan(root);
    expect(warningFor(result, 'linked-secret.yaml')).toMatch(/outside the scanned tree/);
    expect(warningFor(result, 'loop-a')).toMatch(/loop/);
    expect(JSON.stringify(result)).not.toContain('CANARY-OUTSIDE-TREE');
    expect(JSON.stringify(result.detections)).not.toContain('outside');
    expect(healthy(result)).toBe(true);
  });

  it('keeps going past an unreadable folder', async () => {
    const root = repoWith({ 'locked/app.yaml': 'kind: Deployment\n' });
    chmodSync(join(root, 'locked'), 0o000);
    try {
      const result = await scan(root);
      // As root the folder stays readable; otherwise it must be a warning, never a crash.
      if (process.getuid?.() !== 0) expect(warningFor(result, 'locked')).toMatch(/cannot read/);
      expect(healthy(result)).toBe(true);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });

  it('survives 10,000 levels of nesting in YAML and JSON', async () => {
    const result = await scan(repoWith({ 'deep.yaml': 'apiVersion: v1\nkind: List\nitems: ' + '['.repeat(10_000) + ']'.repeat(10_000), 'package.json': '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000) }));
    expect(warningFor(result, 'deep.yaml')).toMatch(/YAML/);
    expect(healthy(result)).toBe(true);
  });

  it('caps a file with 10,000 documents at the document limit', async () => {
    const docs = Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}`).join('\n---\n');
    const result = await scan(repoWith({ 'many.yaml': docs }));
    expect(warningFor(result, 'many.yaml')).toMatch(/10000 documents, over the limit/);
  });

  it('reads a Dockerfile with 10,000 ARGs and HCL with unclosed blocks', async () => {
    const dockerfile = Array.from({ length: 10_000 }, (_, i) => `ARG A${i}=\${A${i + 1}}`).join('\n') + '\nFROM alpine:${A0}\n';
    const result = await scan(repoWith({ Dockerfile: dockerfile, 'main.tf': 'resource "aws_eks_cluster" "x" {\n  name = "a"\n\nmodule "m" {\n' }));
    expect(result.detections.some((d) => d.id === 'terraform')).toBe(true);
    expect(warningFor(result, 'main.tf')).toMatch(/HCL/);
    expect(healthy(result)).toBe(true);
  });

  it('never evaluates a Jenkinsfile', async () => {
    const marker = join(tmpdir(), `k8sm-jenkins-${process.pid}`);
    const jenkinsfile = `@groovy.transform.ASTTest(value={ new File("${marker}").text = "ran" })\ndef x\npipeline { agent any\n stages { stage('b') { steps { sh "touch ${marker}" } } } }\n`;
    const result = await scan(repoWith({ Jenkinsfile: jenkinsfile }));
    expect(result.detections.length).toBeGreaterThan(0);
    expect(() => execFileSync('test', ['-e', marker])).toThrow();
  });
});
