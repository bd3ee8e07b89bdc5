import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTree } from '../../test/helpers/fixtures.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { scanRepository } from './scan-repository.js';

/**
 * Kinds that set E got wrong (issue 14): Nomad's Terraform made a microservice demo a platform, a
 * CDK app's pipeline was not seen pushing its service's image, and the Dockerfiles inside two
 * charts of a chart collection made it a service.
 */

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
async function kindOfTree(files: Record<string, string>): Promise<{ kind: string; kindReason: string }> {
  const root = writeTree(files);
  roots.push(root);
  const { kind, kindReason } = await scanRepository(root, 'all', DEFAULT_LIMITS);
  return { kind, kindReason: kindReason ?? '' };
}

const goService = (name: string) => `package main\n\nimport "log"\n\nfunc main() {\n\tlog.Println("${name} started")\n}\n`;
const dockerfile = (name: string) => `FROM golang:1.23-alpine AS build\nWORKDIR /app\nCOPY . .\nRUN go build -o /out/${name} ./cmd/${name}\n\nFROM alpine:3.21\nCOPY --from=build /out/${name} /app/${name}\nENTRYPOINT ["/app/${name}"]\n`;

describe('services of a repository whose infrastructure code runs another runtime', () => {
  it('takes Go services with Dockerfiles, a Compose file and Terraform for Nomad for a service', async () => {
    // Modelled on thangchung/go-coffeeshop: docker/Dockerfile-*, docker-compose.yaml, build/nomad/nomad.tf.
    const result = await kindOfTree({
      'go.mod': 'module github.com/acme/coffeeshop\n\ngo 1.23\n',
      'cmd/barista/main.go': goService('barista'),
      'cmd/counter/main.go': goService('counter'),
      'internal/barista/app.go': 'package barista\n',
      'docker/Dockerfile-barista': dockerfile('barista'),
      'docker/Dockerfile-counter': dockerfile('counter'),
      'docker-compose.yaml': 'services:\n  barista:\n    build:\n      context: .\n      dockerfile: ./docker/Dockerfile-barista\n    image: go-coffeeshop-barista\n',
      'build/nomad/nomad.tf': 'provider "nomad" {\n  address = "http://localhost:4646"\n}\n\nresource "nomad_job" "barista" {\n  jobspec = file("${path.module}/jobs/barista-api.nomad.hcl")\n}\n',
      'build/nomad/jobs/barista-api.nomad.hcl': 'job "barista-api" {\n  datacenters = ["dc1"]\n  group "barista" {\n    task "barista" {\n      driver = "docker"\n      config {\n        image = "ghcr.io/thangchung/go-coffeeshop/barista:0.1.3"\n      }\n    }\n  }\n}\n',
    });
    expect(result).toEqual({ kind: 'service', kindReason: 'builds a container image of its own (docker/Dockerfile-barista:1, docker/Dockerfile-counter:1)' });
  });

  it('keeps a Kubernetes homelab that builds a PXE helper without pushing it a platform', async () => {
    const result = await kindOfTree({
      'ansible/site.yml': '- hosts: k3s_cluster\n  become: true\n  tasks:\n    - name: Install k3s\n      ansible.builtin.shell: curl -sfL https://get.k3s.io | sh -\n',
      'pxe/Dockerfile': 'FROM alpine:3.21\nRUN apk add --no-cache dnsmasq\n',
      'kubernetes/apps/home-assistant.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: home-assistant\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/home-assistant/home-assistant:2024.12\n',
    });
    expect(result.kind).toBe('platform');
  });

  it('takes a CDK app whose CodeBuild project builds and pushes its Flask service to the EKS cluster it declares for a service', async () => {
    // Modelled on aws-samples/amazon-eks-cdk-blue-green-cicd.
    const stack = [
      "import * as cdk from '@aws-cdk/core';",
      "import * as eks from '@aws-cdk/aws-eks';",
      "import * as codebuild from '@aws-cdk/aws-codebuild';",
      '',
      'export class CdkStackALBEksBg extends cdk.Stack {',
      '  constructor(scope: cdk.Construct, id: string) {',
      '    super(scope, id);',
      "    const cluster = new eks.Cluster(this, 'Cluster', { version: eks.KubernetesVersion.V1_21 });",
      "    new codebuild.PipelineProject(this, 'MyProject', {",
      '      buildSpec: codebuild.BuildSpec.fromObject({',
      "        version: '0.2',",
      '        phases: {',
      '          build: {',
      '            commands: [',
      "              'cd flask-docker-app',",
      '              `docker build -t $ECR_REPO_URI:$TAG .`,',
      "              'docker push $ECR_REPO_URI:$TAG',",
      '            ],',
      '          },',
      '        },',
      '      }),',
      '    });',
      '  }',
      '}',
      '',
    ].join('\n');
    const result = await kindOfTree({
      'cdk/cdk.json': '{ "app": "npx ts-node bin/cdk.ts" }\n',
      'cdk/package.json': '{ "dependencies": { "@aws-cdk/aws-eks": "1.134.0", "@aws-cdk/aws-codebuild": "1.134.0" } }\n',
      'cdk/lib/cdk-stack.ts': stack,
      'flask-docker-app/Dockerfile': 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      'flask-docker-app/app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'flask-docker-app/requirements.txt': 'flask==3.0.3\n',
      'flask-docker-app/k8s/flaskBlue.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: flask-blue\nspec:\n  template:\n    spec:\n      containers:\n        - name: flask\n          image: nikunjv/flask-image:blue\n',
    });
    expect(result).toEqual({ kind: 'service', kindReason: 'builds a container image of its own (flask-docker-app/Dockerfile:1)' });
  });
});

describe('a chart collection with Dockerfiles in some of its charts', () => {
  it('is tooling: the images belong to the charts it publishes for others', async () => {
    // Modelled on deliveryhero/helm-charts: charts under stable/, a publish workflow, two charts with a Dockerfile.
    const chart = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 1.2.0\nappVersion: "1.0"\n`;
    const result = await kindOfTree({
      'stable/kubecost-reports-exporter/Chart.yaml': chart('kubecost-reports-exporter'),
      'stable/kubecost-reports-exporter/docker/Dockerfile': 'FROM python:3.12-slim\nCOPY exporter.py /\nCMD ["python", "/exporter.py"]\n',
      'stable/kubecost-reports-exporter/docker/exporter.py': 'print("export")\n',
      'stable/pg-repack-scheduler/Chart.yaml': chart('pg-repack-scheduler'),
      'stable/pg-repack-scheduler/files/dockerfile': 'FROM alpine:3.21\nRUN apk add --no-cache postgresql-client\n',
      'stable/node-local-dns/Chart.yaml': chart('node-local-dns'),
      'stable/node-local-dns/templates/daemonset.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: dns\n          image: registry.k8s.io/dns/k8s-dns-node-cache:1.23.1\n',
      '.github/workflows/helm-publish.yaml': [
        'name: Helm Publish',
        'on:',
        '  push:',
        '    branches: [master]',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: azure/setup-helm@v4',
        '      - run: for d in stable/*; do helm package "$d"; done',
        '      - run: for f in *.tgz; do helm push $f oci://ghcr.io/deliveryhero/helm-charts; done',
        '',
      ].join('\n'),
    });
    expect(result).toEqual({ kind: 'tooling', kindReason: 'its CI publishes the charts it holds for others to install (.github/workflows/helm-publish.yaml:12)' });
  });

  it('keeps a service whose own Dockerfile sits at the root beside the chart it publishes a service', async () => {
    const result = await kindOfTree({
      Dockerfile: 'FROM golang:1.23-alpine\nCOPY . .\nRUN go build -o /app .\n',
      'main.go': goService('api'),
      'go.mod': 'module github.com/acme/api\n\ngo 1.23\n',
      'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
      'charts/api-crds/Chart.yaml': 'apiVersion: v2\nname: api-crds\nversion: 0.1.0\n',
      '.github/workflows/release.yaml': 'name: release\non:\n  push:\n    tags: ["v*"]\njobs:\n  charts:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: helm/chart-releaser-action@v1.6.0\n',
    });
    expect(result.kind).toBe('service');
  });
});
