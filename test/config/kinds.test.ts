import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { scanOrganization } from '../../src/scan/organization.js';
import { writeTree } from '../helpers/fixtures.js';

/** `kinds:` in .k8s-maturity.yaml sets what a repository is, and so what it is asked for. */

const root = writeTree({
  // A Node SDK whose examples folder has a demo chart: the scan alone reads it as a service.
  'sdk/package.json': '{ "name": "@acme/orders-sdk", "version": "2.1.0", "dependencies": { "prom-client": "15.1.0" } }\n',
  'sdk/src/index.ts': 'export * from "./client";\n',
  'sdk/src/client.ts': 'export class Client {}\n',
  'sdk/Dockerfile': 'FROM node:22-alpine\nCOPY . .\nRUN npm ci && npm test\n',
  'api/Dockerfile': 'FROM golang:1.23-alpine\n',
  'api/go.mod': 'module example.com/api\n\ngo 1.23\n',
  'api/main.go': 'package main\n',
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function scanWith(config: string) {
  writeFileSync(join(root, '.k8s-maturity.yaml'), config);
  return scanOrganization({ paths: [], config: join(root, '.k8s-maturity.yaml'), cwd: root, now: new Date('2026-12-01T00:00:00Z'), toolVersion: '0.0.0-test', history: false });
}

describe('setting a repository kind in the configuration', () => {
  it('makes a repository a library with the reason given, and leaves it out of the service coverage', async () => {
    const assessment = await scanWith('repositories: [sdk, api]\nkinds:\n  - repository: sdk\n    kind: library\n    reason: published to npm; its Dockerfile only runs the tests\n');
    const sdk = assessment.repositories.find((r) => r.path === 'sdk')!;
    expect(sdk.kind).toBe('library');
    expect(sdk.kindReason).toBe('set in .k8s-maturity.yaml (kinds[0]): published to npm; its Dockerfile only runs the tests (the scan alone would say service: builds a container image of its own (Dockerfile:1))');
    expect(assessment.capabilities.find((c) => c.id === 'containerized-services')!.coverage).toMatchObject({ covered: 1, total: 1 });
    expect(assessment.roadmap.flatMap((s) => s.places.map((p) => p.repository))).not.toContain('sdk');
  });

  it('warns about an entry that matches no scanned repository', async () => {
    const assessment = await scanWith('repositories: [sdk, api]\nkinds:\n  - { repository: sdk-old, kind: library }\n');
    expect(assessment.warnings).toContainEqual({ file: '.k8s-maturity.yaml', message: 'kinds[0]: "sdk-old" matched no scanned repository: fix the path, name or glob' });
  });

  it('refuses a kind that does not exist, naming the choices', async () => {
    writeFileSync(join(root, '.k8s-maturity.yaml'), 'kinds:\n  - { repository: sdk, kind: app }\n');
    await expect(loadConfig(join(root, '.k8s-maturity.yaml'), root)).rejects.toThrow(ConfigError);
    await expect(loadConfig(join(root, '.k8s-maturity.yaml'), root)).rejects.toThrow(/kinds\[0\]\.kind.*platform, service, library or tooling|platform.*service.*library.*tooling/);
  });
});
