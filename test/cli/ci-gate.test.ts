import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alice, bob, carol, TestRepo } from '../history/git-fixture.js';

/**
 * The README's CI example, `k8s-maturity scan . --fail-below 3`, run inside a service repository
 * that deserves stage 3: it builds and pushes its image from CI, deploys with a chart whose
 * containers have probes, runs CI on pull requests, asks for reviews with CODEOWNERS and merges
 * through pull requests. Its cluster is declared elsewhere, so stage 1 is taken on trust.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "orders.fullname" . }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: orders
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          ports:
            - containerPort: 8080
          livenessProbe:
            httpGet: { path: /healthz, port: 8080 }
          readinessProbe:
            httpGet: { path: /readyz, port: 8080 }
`;

const workflow = `name: build
on:
  push:
    branches: [main]
  pull_request:
jobs:
  image:
    runs-on: ubuntu-latest
    permissions: { contents: read, packages: write }
    steps:
      - uses: actions/checkout@v4
      - run: go test ./...
      - uses: docker/login-action@v3
        with: { registry: ghcr.io, username: \${{ github.actor }}, password: \${{ secrets.GITHUB_TOKEN }} }
      - uses: docker/build-push-action@v6
        with:
          push: \${{ github.event_name == 'push' }}
          tags: ghcr.io/acme/orders:\${{ github.sha }}
      - uses: aquasecurity/trivy-action@0.28.0
        with: { image-ref: 'ghcr.io/acme/orders:\${{ github.sha }}', exit-code: '1', severity: CRITICAL }
`;

function serviceRepository(): TestRepo {
  const repo = new TestRepo();
  repo.commit(alice, 60, {
    'go.mod': 'module github.com/acme/orders\n\ngo 1.23\n\nrequire go.opentelemetry.io/otel v1.32.0\n',
    'cmd/orders/main.go': 'package main\n\nfunc main() {}\n',
    'internal/api/api.go': 'package api\n',
    Dockerfile: 'FROM golang:1.23-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /orders ./cmd/orders\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /orders /orders\nENTRYPOINT ["/orders"]\n',
    'charts/orders/Chart.yaml': 'apiVersion: v2\nname: orders\nversion: 1.4.0\n',
    'charts/orders/values.yaml': 'replicaCount: 2\nimage:\n  repository: ghcr.io/acme/orders\n  tag: "1.4.0"\n',
    'charts/orders/templates/deployment.yaml': deployment,
    '.github/workflows/build.yml': workflow,
    '.github/CODEOWNERS': '/charts/ @acme/platform\nDockerfile @acme/platform\n',
  }, 'orders: first version');
  for (const [n, author] of [alice, bob, carol, bob].entries()) {
    repo.checkout(`feature-${n}`, true);
    repo.commit(author, 50 - n * 10, { 'charts/orders/values.yaml': `replicaCount: ${n + 2}\nimage:\n  repository: ghcr.io/acme/orders\n  tag: "1.4.${n + 1}"\n` }, `orders: release 1.4.${n + 1}`);
    repo.checkout('main');
    repo.merge(`feature-${n}`, author, 49 - n * 10, `Merge pull request #${n + 10} from acme/feature-${n}`);
  }
  return repo;
}

const repo = serviceRepository();
afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

function scanHere(args: string[]) {
  const result = spawnSync('node', [CLI, 'scan', '.', '--since', '2020-01-01', '--no-cache', '--quiet', ...args], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the README CI example in a service repository', () => {
  it('passes `scan . --fail-below 3` with the SARIF and Markdown reports of the README', () => {
    const run = scanHere(['--fail-below', '3', '--format', 'sarif', '--output', 'maturity.sarif', '--format', 'markdown', '--output', 'maturity.md']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(repo.dir, 'maturity.md'), 'utf8')).toMatch(/stage 3/i);
  });

  it('reaches stage 3 on its own evidence, provisionally, with the platform parts to verify rather than missing', () => {
    const run = scanHere(['--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { stage: number; stageProvisional: boolean; repositories: { kind: string; kindReason: string }[]; capabilities: { id: string; status: string }[]; roadmap: { capability: string }[]; toVerify: { capability: string; settledBy?: string[] }[] };
    expect([report.stage, report.stageProvisional]).toEqual([3, true]);
    expect(report.repositories[0]).toMatchObject({ kind: 'service', kindReason: 'builds a container image of its own (Dockerfile:1)' });
    const status = (id: string) => report.capabilities.find((c) => c.id === id)!.status;
    expect(['cluster-definition', 'infrastructure-as-code', 'monitoring', 'centralized-logging'].map(status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(['containerized-services', 'image-pipeline', 'health-checks', 'reviewed-changes'].map(status)).toEqual(['met', 'met', 'met', 'met']);
    expect(report.toVerify.find((t) => t.capability === 'cluster-definition')?.settledBy).toEqual(['kubernetes-infrastructure-repository', 'cluster']);
    expect(report.roadmap.map((s) => s.capability)).not.toContain('cluster-definition');
  });

  it('still fails a gate the repository does not deserve', () => {
    expect(scanHere(['--fail-below', '4', '--format', 'json', '--output', 'out.json']).code).toBe(1);
  });
});
