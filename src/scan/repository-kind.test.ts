import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTree } from '../../test/helpers/fixtures.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { scanRepository } from './scan-repository.js';

/** Repository kinds judged by a real scan of small, realistic trees (src/scan/repository-kind.ts). */

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
async function kindOfTree(files: Record<string, string>): Promise<{ kind: string; kindReason?: string }> {
  const root = writeTree(files);
  roots.push(root);
  const { kind, kindReason } = await scanRepository(root, 'all', DEFAULT_LIMITS);
  return { kind, ...(kindReason ? { kindReason } : {}) };
}

const workflow = (steps: string) => `name: ci\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;

describe('the kind of a repository', () => {
  it('takes a homelab whose only Dockerfile builds a PXE helper for a platform, and says why', async () => {
    const result = await kindOfTree({
      'metal/playbooks/k3s.yml': '- name: Install k3s\n  hosts: k3s_cluster\n  become: true\n  roles:\n    - k3s\n',
      'metal/roles/k3s/tasks/main.yml': '- name: Download k3s\n  ansible.builtin.get_url:\n    url: https://get.k3s.io\n    dest: /tmp/k3s.sh\n',
      'metal/roles/pxe_server/files/dnsmasq/Dockerfile': 'FROM alpine:3.20\nRUN apk add --no-cache dnsmasq\nCOPY dnsmasq.conf /etc/dnsmasq.conf\n',
      'tools/pxe-server/Dockerfile': 'FROM alpine:3.20\nRUN apk add --no-cache tftp-hpa\n',
      'system/argocd/values.yaml': 'server:\n  ingress:\n    enabled: true\n',
      'system/argocd/Chart.yaml': 'apiVersion: v2\nname: argocd\nversion: 0.0.0\ndependencies:\n  - name: argo-cd\n    version: 7.7.0\n    repository: https://argoproj.github.io/argo-helm\n',
      'apps/homepage/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: homepage\nspec:\n  template:\n    spec:\n      containers:\n        - name: homepage\n          image: ghcr.io/gethomepage/homepage:v0.9.0\n',
    });
    expect(result.kind).toBe('platform');
    expect(result.kindReason).toMatch(/^declares infrastructure, clusters or delivery: ansible \(metal\/playbooks\/k3s\.yml:2\), argo-cd \(system\/argocd\/Chart\.yaml:\d+\)/);
    expect(result.kindReason).toContain('its Dockerfiles build helper images only (metal/roles/pxe_server/files/dnsmasq/Dockerfile:1, tools/pxe-server/Dockerfile:1)');
  });

  it('takes a GitOps homelab whose CI pushes only its dev container image for a platform', async () => {
    // Modelled on vehagn/homelab: devcontainers/ci pushes ghcr.io/<owner>/homelab-devcontainer; Argo CD syncs the apps.
    const result = await kindOfTree({
      '.github/workflows/build-devcontainer.yaml':
        'name: Build devcontainer\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n' +
        '      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n          username: ${{ github.repository_owner }}\n          password: ${{ secrets.GITHUB_TOKEN }}\n' +
        '      - uses: devcontainers/ci@v0.3\n        with:\n          subFolder: ./.github\n          imageName: ghcr.io/acme/homelab-devcontainer\n          push: always\n',
      'tofu/main.tf': 'resource "aws_eks_cluster" "main" {\n  name     = "lab"\n  role_arn = aws_iam_role.cluster.arn\n  vpc_config {\n    subnet_ids = var.subnets\n  }\n}\n',
      'k8s/apps/homepage/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: homepage\nspec:\n  template:\n    spec:\n      containers:\n        - name: homepage\n          image: ghcr.io/gethomepage/homepage:v0.9.0\n',
    });
    expect(result.kind).toBe('platform');
  });

  it('takes Terraform with a Dockerfile that no CI pushes for a platform: the image serves its machines', async () => {
    const result = await kindOfTree({
      'main.tf': 'resource "aws_eks_cluster" "main" {\n  name     = "prod"\n  role_arn = aws_iam_role.cluster.arn\n  vpc_config {\n    subnet_ids = var.subnets\n  }\n}\n',
      'bastion/Dockerfile': 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y openssh-server\n',
    });
    expect(result.kind).toBe('platform');
    expect(result.kindReason).toMatch(/its Dockerfiles build helper images only \(bastion\/Dockerfile:1\), no CI pushes an image$/);
  });

  it('takes a Go library with CI and a metrics client for a library: nothing to build into an image or deploy', async () => {
    const result = await kindOfTree({
      'go.mod': 'module github.com/acme/retry\n\ngo 1.22\n\nrequire github.com/prometheus/client_golang v1.20.0\n',
      'retry.go': 'package retry\n',
      'backoff.go': 'package retry\n',
      'metrics.go': 'package retry\n',
      'retry_test.go': 'package retry\n',
      '.github/workflows/ci.yml': workflow('      - run: go test ./...\n'),
    });
    expect(result).toEqual({ kind: 'library', kindReason: 'code (4 source files, go.mod) with nothing to build into an image or deploy: no Dockerfile, image pipeline, manifests or chart' });
  });

  it('takes a repository of CI helper images and scripts for tooling', async () => {
    const result = await kindOfTree({
      'hack/builder/Dockerfile': 'FROM golang:1.23\nRUN go install golang.org/x/tools/cmd/goimports@latest\n',
      'ci/Dockerfile.ci': 'FROM node:22-bookworm\nRUN npm i -g pnpm\n',
      'scripts/release.sh': '#!/bin/sh\nset -eu\n',
    });
    expect(result.kind).toBe('tooling');
    expect(result.kindReason).toMatch(/^its only Dockerfiles build helper images \((ci\/Dockerfile\.ci|hack\/builder\/Dockerfile):1, /);
  });

  it('takes a container GitHub Action for tooling: its image runs inside someone else\'s CI', async () => {
    const result = await kindOfTree({
      'action.yml': "name: lint\nruns:\n  using: docker\n  image: Dockerfile\n",
      Dockerfile: 'FROM python:3.12-slim\nCOPY entrypoint.py /entrypoint.py\nENTRYPOINT ["python", "/entrypoint.py"]\n',
      'entrypoint.py': 'print("lint")\n',
    });
    expect(result.kind).toBe('tooling');
  });

  it('takes a repository that builds its own image for a service', async () => {
    const result = await kindOfTree({
      Dockerfile: 'FROM golang:1.23-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app ./cmd/api\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
      'go.mod': 'module example.com/api\n\ngo 1.23\n',
      'cmd/api/main.go': 'package main\n',
      'tools/mock/Dockerfile': 'FROM alpine:3.20\n',
    });
    expect(result).toEqual({ kind: 'service', kindReason: 'builds a container image of its own (Dockerfile:1)' });
  });

  it('takes a chart collection that publishes its charts for tooling, though one of its charts is Argo CD', async () => {
    // Modelled on argoproj/argo-helm: the Argo CD found there is the chart it ships, not delivery it runs.
    const chart = {
      'charts/argo-cd/Chart.yaml': 'apiVersion: v2\nname: argo-cd\nversion: 9.1.0\nappVersion: v3.2.0\n',
      'charts/argo-cd/values.yaml': 'global:\n  image:\n    repository: quay.io/argoproj/argocd\n',
      'charts/argo-cd/templates/argocd-server/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ template "argo-cd.server.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: {{ .Values.global.image.repository }}:{{ .Chart.AppVersion }}\n',
      'scripts/release-analysis/Dockerfile': 'FROM python:3.12-slim\nCOPY analyze.py /analyze.py\n',
    };
    const publish = workflow('      - uses: helm/chart-releaser-action@v1.7.0\n        env:\n          CR_TOKEN: "${{ secrets.GITHUB_TOKEN }}"\n');
    const result = await kindOfTree({ ...chart, '.github/workflows/publish.yml': publish });
    expect(result.kind).toBe('tooling');
    expect(result.kindReason).toMatch(/^its CI publishes the charts it holds for others to install \(\.github\/workflows\/publish\.yml:\d+\)$/);
    // the same charts beside Terraform of its own: a platform repository that also publishes charts
    const platform = await kindOfTree({ ...chart, '.github/workflows/publish.yml': publish, 'infra/main.tf': 'resource "aws_eks_cluster" "main" {\n  name = "prod"\n}\n' });
    expect(platform.kind).toBe('platform');
  });

  it('takes application code deployed by its own manifests, without a Dockerfile (ko, Jib), for a service', async () => {
    const result = await kindOfTree({
      'go.mod': 'module example.com/worker\n\ngo 1.23\n',
      'main.go': 'package main\n',
      'config/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: ko://example.com/worker\n',
    });
    expect(result.kind).toBe('service');
    expect(result.kindReason).toMatch(/^application code \(1 source file, go\.mod\) deployed by its own manifests \(config\/deployment\.yaml:1\)$/);
  });
});

describe('kinds of repositories whose charts or images are in real use (set C)', () => {
  it('takes a Compose-only application with a composite action.yaml for a service: only a Docker action runs its image in CI', async () => {
    // Modelled on getsentry/self-hosted: a composite end-to-end action at the root, services built from Dockerfiles.
    const result = await kindOfTree({
      'action.yaml': 'name: "Sentry self-hosted end-to-end tests"\nruns:\n  using: "composite"\n  steps:\n    - run: ./install.sh\n      shell: bash\n',
      'docker-compose.yml': 'services:\n  web:\n    build:\n      context: ./sentry\n    image: sentry-self-hosted-local\n  cron:\n    build: ./cron\n',
      'sentry/Dockerfile': 'ARG SENTRY_IMAGE\nFROM ${SENTRY_IMAGE}\nCOPY . /usr/src/sentry\n',
      'cron/Dockerfile': 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN apt-get update && apt-get install -y cron\n',
      'install.sh': '#!/usr/bin/env bash\nset -eu\ndocker compose build\n',
    });
    expect(result).toEqual({ kind: 'service', kindReason: 'builds a container image of its own (cron/Dockerfile:2, sentry/Dockerfile:2)' });
  });

  it('takes an umbrella chart built by a Jenkins pipeline for tooling: charts for others to install, not a cluster\'s configuration', async () => {
    // Modelled on dataspace4health-lu/helm-data-exchange.
    const result = await kindOfTree({
      'Chart.yaml': 'apiVersion: v2\nname: data-exchange\nversion: 1.2.0\ndependencies:\n  - name: dps\n    version: 1.0.0\n    repository: file://components/dps\n',
      'values.yaml': 'dps:\n  enabled: true\n',
      'components/dps/Chart.yaml': 'apiVersion: v2\nname: dps\nversion: 1.0.0\nappVersion: "2.1.0"\n',
      'components/dps/values.yaml': 'image:\n  repository: registry.example.org/dps\n  tag: ""\n',
      'components/dps/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-dps\nspec:\n  template:\n    spec:\n      containers:\n        - name: dps\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n          readinessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n',
      Jenkinsfile: "@Library('ds4h-shared-library') _\nhelmPipeline(PUBLISH_HELM: params.PUBLISH_HELM)\n",
      Makefile: 'install:\n\thelm install data-exchange .\n',
    });
    expect(result.kind).toBe('tooling');
    expect(result.kindReason).toMatch(/^Helm charts for others to install, without application code or delivery of its own \(/);
  });

  it('takes a deploy repository whose CI pushes only test images that none of its manifests deploys for a platform', async () => {
    // Modelled on microservices-demo/microservices-demo: Terraform, manifests of images built elsewhere, openapi/healthcheck test images.
    const files = {
      'deploy/kubernetes/terraform/main.tf': 'provider "aws" {\n  region = var.aws_region\n}\nresource "aws_instance" "k8s-master" {\n  ami           = var.ami\n  instance_type = "m4.large"\n}\n',
      'deploy/kubernetes/complete-demo.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: front-end\nspec:\n  template:\n    spec:\n      containers:\n        - name: front-end\n          image: weaveworksdemos/front-end:0.3.12\n',
      'openapi/Dockerfile': 'FROM node:10-alpine\nRUN npm install -g dredd\n',
      'openapi/package.json': '{"name": "api-tests", "devDependencies": {"dredd": "^3.0.0"}}\n',
      'healthcheck/Dockerfile': 'FROM alpine:3.12.0\nRUN apk add ruby\nCOPY healthcheck.rb /healthcheck.rb\n',
      'healthcheck/healthcheck.rb': 'require "net/http"\n',
      '.github/workflows/main.yaml': 'name: ci\non: push\njobs:\n  build-test-images:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        repo: ["openapi", "healthcheck"]\n    steps:\n      - uses: actions/checkout@v2\n      - uses: docker/login-action@v1\n        with:\n          username: ${{ secrets.DOCKER_USER }}\n          password: ${{ secrets.DOCKER_PASS }}\n      - uses: docker/build-push-action@v2\n        with:\n          context: ${{ matrix.repo }}\n          push: true\n          tags: weaveworksdemos/${{ matrix.repo }}:${{ github.sha }}\n',
    };
    const result = await kindOfTree(files);
    expect(result.kind).toBe('platform');
    expect(result.kindReason).toMatch(/its Dockerfiles build helper images only \(healthcheck\/Dockerfile:1, openapi\/Dockerfile:1\), pushed by CI but deployed by none of its manifests$/);
    // an image its manifests do deploy (front-end/Dockerfile → weaveworksdemos/front-end) is its own: a service
    const service = await kindOfTree({ ...files, 'front-end/Dockerfile': 'FROM node:20-alpine\nCOPY . /app\n' });
    expect(service).toMatchObject({ kind: 'service', kindReason: 'builds a container image of its own (front-end/Dockerfile:1)' });
  });
});

describe('signals the registry marks as services', () => {
  it('take a repository that builds its image with Jib (no Dockerfile) for a service', async () => {
    const { kindOf } = await import('./repository-kind.js');
    const jib = { id: 'jib', evidence: [{ file: 'pom.xml', line: 40, detail: 'plugin com.google.cloud.tools:jib-maven-plugin' }] };
    const terraform = { id: 'terraform', evidence: [{ file: 'infra/main.tf', line: 1 }] };
    expect(kindOf([{ path: 'pom.xml' }], [jib, terraform], new Set(['docker', 'jib']))).toEqual({ kind: 'service', reason: 'builds or runs a service of its own (jib: pom.xml:40)' });
    expect(kindOf([{ path: 'pom.xml' }], [jib, terraform]).kind).toBe('platform');
  });
});
