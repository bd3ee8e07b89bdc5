import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureRepo, writeTree } from '../../../test/helpers/fixtures.js';
import { kubernetesInInfrastructure } from './kubernetes-in-infrastructure.js';

/**
 * Infrastructure code that touches Kubernetes, and code that provisions another runtime (issue 14:
 * acme-fitness-demo's CloudFormation for ECS on Fargate made its cluster definition "missing").
 */

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
async function placesIn(files: Record<string, string>): Promise<string[]> {
  const root = writeTree(files);
  roots.push(root);
  return kubernetesInInfrastructure(await fixtureRepo(root)).map((e) => `${e.file}:${e.line} ${e.detail}`);
}

/** CloudFormation of the ECS/Fargate kind (acme-fitness-demo's aws-fargate/ stack), trimmed. */
const fargateStack = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Description: ACME Fitness Shop on ECS Fargate',
  'Resources:',
  '  Cluster:',
  '    Type: AWS::ECS::Cluster',
  '  CartTask:',
  '    Type: AWS::ECS::TaskDefinition',
  '    Properties:',
  '      RequiresCompatibilities: [FARGATE]',
  '      ContainerDefinitions:',
  '        - Name: cart',
  '          Image: gcr.io/vmwarecloudadvocacy/acmeshop-cart:latest',
  '  CartService:',
  '    Type: AWS::ECS::Service',
  '    Properties:',
  '      Cluster: !Ref Cluster',
  '      LaunchType: FARGATE',
  '      TaskDefinition: !Ref CartTask',
  '',
].join('\n');

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: acmeshop-cart:1.0\n';

describe('infrastructure code that provisions another runtime', () => {
  it('finds no Kubernetes in CloudFormation for ECS on Fargate beside plain manifests', async () => {
    expect(await placesIn({ 'aws-fargate/acme-fitness-shop.yaml': fargateStack, 'kubernetes-manifests/cart.yaml': deployment })).toEqual([]);
  });

  it('finds none in Terraform for RDS, S3 and DNS beside manifests', async () => {
    const terraform = [
      'terraform {',
      '  backend "s3" {',
      '    bucket = "acme-tf-state"',
      '    key    = "shop/terraform.tfstate"',
      '  }',
      '  required_providers {',
      '    aws = { source = "hashicorp/aws", version = "~> 5.0" }',
      '  }',
      '}',
      'provider "aws" {',
      '  region = "eu-west-1"',
      '}',
      'resource "aws_db_instance" "orders" {',
      '  engine         = "postgres"',
      '  instance_class = "db.t4g.medium"',
      '}',
      'resource "aws_s3_bucket" "assets" {',
      '  bucket = "acme-shop-assets"',
      '}',
      'resource "aws_route53_record" "shop" {',
      '  name = "shop.acme.example"',
      '  type = "CNAME"',
      '}',
      '',
    ].join('\n');
    expect(await placesIn({ 'infra/main.tf': terraform, 'k8s/cart.yaml': deployment })).toEqual([]);
  });

  it('finds none in a Pulumi program for Lambda, a CDK app for ECS, a Nomad job or Bicep for Container Apps', async () => {
    expect(
      await placesIn({
        'pulumi/Pulumi.yaml': 'name: orders-lambda\nruntime: nodejs\n',
        'pulumi/package.json': '{ "dependencies": { "@pulumi/aws": "^6.0.0", "@pulumi/pulumi": "^3.0.0" } }\n',
        'pulumi/index.ts': 'import * as aws from "@pulumi/aws";\nconst fn = new aws.lambda.Function("orders", { runtime: "nodejs20.x", handler: "index.handler" });\n',
        'cdk/cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n',
        'cdk/bin/app.ts': 'import * as ecs from "aws-cdk-lib/aws-ecs";\nimport * as ecsPatterns from "aws-cdk-lib/aws-ecs-patterns";\nnew ecsPatterns.ApplicationLoadBalancedFargateService(stack, "Web", {});\n',
        'nomad/coffeeshop.nomad.hcl': 'job "coffeeshop" {\n  datacenters = ["dc1"]\n  group "product" {\n    task "product" {\n      driver = "docker"\n    }\n  }\n}\n',
        'nomad/main.tf': 'provider "nomad" {\n  address = "http://localhost:4646"\n}\nresource "nomad_job" "coffeeshop" {\n  jobspec = file("${path.module}/coffeeshop.nomad.hcl")\n}\n',
        'azure/app.bicep': "resource app 'Microsoft.App/containerApps@2023-05-01' = {\n  name: 'orders'\n  location: location\n}\n",
      }),
    ).toEqual([]);
  });
});

describe('infrastructure code that touches Kubernetes', () => {
  it('finds a cluster of any flavour, a kubernetes or helm provider and the charts Terraform installs', async () => {
    expect(await placesIn({ 'terraform/doks.tf': 'resource "digitalocean_kubernetes_cluster" "main" {\n  name   = "prod"\n  region = "ams3"\n}\n' })).toEqual([
      'terraform/doks.tf:1 resource digitalocean_kubernetes_cluster',
    ]);
    const addons = 'provider "helm" {\n  kubernetes {\n    config_path = "~/.kube/config"\n  }\n}\n\nresource "helm_release" "ingress" {\n  name  = "ingress-nginx"\n  chart = "ingress-nginx"\n}\n';
    expect(await placesIn({ 'addons/main.tf': addons })).toEqual(['addons/main.tf:1 provider helm']);
    expect(await placesIn({ 'main.tf': 'module "eks" {\n  source  = "terraform-aws-modules/eks/aws"\n  version = "~> 20.0"\n}\n' })).toEqual(['main.tf:1 module eks (terraform-aws-modules/eks/aws)']);
  });

  it('finds CloudFormation and Bicep clusters, Pulumi and CDK programs of Kubernetes', async () => {
    const places = await placesIn({
      'cfn/cluster.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Cluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: prod\n',
      'bicep/aks.bicep': "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n  name: 'prod'\n}\n",
      'pulumi/Pulumi.yaml': 'name: apps\nruntime: nodejs\n',
      'pulumi/index.ts': 'import * as pulumi from "@pulumi/pulumi";\nimport * as k8s from "@pulumi/kubernetes";\nnew k8s.apps.v1.Deployment("web", {});\n',
    });
    expect(places).toEqual(['cfn/cluster.yaml:4 AWS::EKS::Cluster Cluster', 'bicep/aks.bicep:1 resource Microsoft.ContainerService/managedClusters', 'pulumi/index.ts:2 @pulumi/kubernetes']);
    expect(await placesIn({ 'cdk/cdk.json': '{ "app": "python3 app.py" }\n', 'cdk/app.py': 'from aws_cdk import aws_eks as eks\n\neks.Cluster(self, "Prod", version=eks.KubernetesVersion.V1_30)\n' })).toEqual(['cdk/app.py:1 aws_eks']);
  });

  it('finds playbooks and roles that act in a cluster, and provisioners that apply manifests', async () => {
    const playbook = '- hosts: localhost\n  tasks:\n    - name: Install Argo CD\n      kubernetes.core.helm:\n        name: argocd\n        chart_ref: argo/argo-cd\n';
    const role = '- name: Apply the storage class\n  block:\n    - kubernetes.core.k8s:\n        state: present\n        src: storageclass.yaml\n';
    expect(await placesIn({ 'ansible/site.yml': playbook, 'ansible/roles/storage/tasks/main.yml': role })).toEqual([
      'ansible/site.yml:1 Ansible module kubernetes.core.helm',
      'ansible/roles/storage/tasks/main.yml:1 Ansible module kubernetes.core.k8s',
    ]);
    const provisioner = 'resource "null_resource" "bootstrap" {\n  provisioner "remote-exec" {\n    inline = [\n      "kubectl apply -k /root/post-install",\n    ]\n  }\n}\n';
    expect(await placesIn({ 'bootstrap.tf': provisioner })).toEqual(['bootstrap.tf:4 kubectl apply']);
  });

  it('does not count what examples show', async () => {
    expect(await placesIn({ 'examples/complete/main.tf': 'resource "aws_eks_cluster" "this" {\n  name = "example"\n}\n', 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' })).toEqual([]);
  });
});
