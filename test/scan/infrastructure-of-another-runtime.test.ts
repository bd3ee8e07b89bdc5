import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scanOrganization } from '../../src/scan/organization.js';
import { writeTree } from '../helpers/fixtures.js';

/**
 * A repository whose manifests are in real use and whose infrastructure code provisions another
 * runtime is no source for its Kubernetes cluster definition (issue 14, set E's acme-fitness-demo:
 * CloudFormation for ECS Fargate made "Cluster defined as code" missing, so stage 0).
 */

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const deployment = (name: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: gcr.io/acme/${name}:1.4.2`,
    '          ports:',
    '            - containerPort: 8080',
    '',
  ].join('\n');

async function scanTree(files: Record<string, string>) {
  const root = writeTree(files);
  roots.push(root);
  const assessment = await scanOrganization({ paths: [root], cwd: root, now: new Date('2026-12-01T00:00:00Z'), toolVersion: '0.0.0-test', history: false });
  const cap = (id: string) => assessment.capabilities.find((c) => c.id === id)!;
  return { assessment, cap };
}

const manifests = { 'kubernetes-manifests/cart.yaml': deployment('cart'), 'kubernetes-manifests/catalog.yaml': deployment('catalog'), 'kubernetes-manifests/users.yaml': deployment('users') };

describe('infrastructure code of another runtime beside manifests in real use', () => {
  it('leaves the cluster definition unknown beside CloudFormation for ECS on Fargate: stage 1, provisional', async () => {
    const { assessment, cap } = await scanTree({
      ...manifests,
      'aws-fargate/acme-fitness-shop.yaml': [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Resources:',
        '  Cluster:',
        '    Type: AWS::ECS::Cluster',
        '  CartService:',
        '    Type: AWS::ECS::Service',
        '    Properties:',
        '      Cluster: !Ref Cluster',
        '      LaunchType: FARGATE',
        '',
      ].join('\n'),
    });
    expect(assessment.repositories[0]!.kind).toBe('platform');
    expect(cap('cluster-definition')).toMatchObject({ status: 'unknown', settledBy: ['kubernetes-infrastructure-repository', 'cluster'] });
    expect(cap('cluster-definition').reason).toMatch(/^no Kubernetes found in the infrastructure code scanned \(cloudformation: aws-fargate\/acme-fitness-shop\.yaml:1\): no cluster declared/);
    expect(cap('infrastructure-as-code').status).toBe('met');
    expect([assessment.stage, assessment.stageProvisional]).toEqual([1, true]);
  });

  it('does the same beside Terraform for a database and a bucket', async () => {
    const { assessment, cap } = await scanTree({
      ...manifests,
      'terraform/main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n\nresource "aws_db_instance" "orders" {\n  engine         = "postgres"\n  instance_class = "db.t4g.medium"\n}\n\nresource "aws_s3_bucket" "assets" {\n  bucket = "acme-assets"\n}\n',
    });
    expect(cap('cluster-definition').status).toBe('unknown');
    expect(assessment.stage).toBe(1);
  });

  it('leaves the cluster unknown beside infrastructure code that only acts inside it (a helm provider and releases): charts in use never read stage 0', async () => {
    const { assessment, cap } = await scanTree({
      ...manifests,
      'terraform/main.tf': 'provider "helm" {\n  kubernetes {\n    config_path = "~/.kube/config"\n  }\n}\n\nresource "helm_release" "ingress" {\n  name       = "ingress-nginx"\n  repository = "https://kubernetes.github.io/ingress-nginx"\n  chart      = "ingress-nginx"\n}\n',
    });
    expect(cap('cluster-definition')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('acts inside a cluster it does not declare') });
    expect([assessment.stage, assessment.stageProvisional]).toEqual([1, true]);
  });

  it('judges the cluster where the same code declares one of a cloud with no signal of its own (DigitalOcean)', async () => {
    const { cap } = await scanTree({
      ...manifests,
      'terraform/main.tf': 'resource "digitalocean_kubernetes_cluster" "prod" {\n  name   = "prod"\n  region = "ams3"\n}\n\nprovider "helm" {\n  kubernetes {\n    host = digitalocean_kubernetes_cluster.prod.endpoint\n  }\n}\n',
    });
    expect(cap('cluster-definition')).toMatchObject({ status: 'met' });
  });
});
