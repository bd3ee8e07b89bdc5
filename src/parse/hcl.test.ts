import { beforeAll, describe, expect, it } from 'vitest';
import { allBlocks, initHclParser, parseHcl } from './hcl.js';

beforeAll(() => initHclParser());

describe('parseHcl', () => {
  it('reads blocks, labels, literal attributes and nested objects with lines', () => {
    const file = parseHcl(
      [
        'terraform {',
        '  required_providers {',
        '    helm = { source = "hashicorp/helm", version = "~> 2.12" }',
        '  }',
        '}',
        '',
        'module "eks" {',
        '  source          = "terraform-aws-modules/eks/aws"',
        '  cluster_version = "1.29"',
        '  cluster_name    = "${var.env}-main"',
        '  subnet_ids      = module.vpc.private_subnets',
        '  enable_irsa     = true',
        '}',
      ].join('\n'),
    );
    expect(file.hasErrors).toBe(false);
    const eks = file.blocks.find((b) => b.type === 'module')!;
    expect(eks.labels).toEqual(['eks']);
    expect(eks.line).toBe(7);
    expect(eks.attributes.source).toMatchObject({ value: 'terraform-aws-modules/eks/aws', line: 8 });
    expect(eks.attributes.cluster_name!.value).toBe('${var.env}-main');
    expect(eks.attributes.subnet_ids!.value).toBe('module.vpc.private_subnets');
    expect(eks.attributes.enable_irsa!.value).toBe(true);
    const providers = allBlocks(file).find((b) => b.type === 'required_providers')!;
    expect(providers.attributes.helm!.value).toEqual({ source: 'hashicorp/helm', version: '~> 2.12' });
  });

  it('keeps what it can read from a file with an unclosed block', () => {
    const file = parseHcl('resource "aws_eks_cluster" "main" {\n  name = "prod"\n\nresource "google_container_cluster" "gke" {\n');
    expect(file.hasErrors).toBe(true);
    expect(allBlocks(file).some((b) => b.labels[0] === 'aws_eks_cluster')).toBe(true);
  });
});
