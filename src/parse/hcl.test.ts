import { describe, expect, it } from 'vitest';
import { allBlocks, type HclBlock, parseHcl } from './hcl.js';


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

/** The value of attribute `a` in a block written around `expression`. */
function valueOf(expression: string): unknown {
  const file = parseHcl(`b {\n  a = ${expression}\n}\n`);
  expect(file.hasErrors).toBe(false);
  return file.blocks[0]!.attributes.a!.value;
}

describe('parseHcl values', () => {
  it('reads numbers, bools and null as data', () => {
    expect(valueOf('3')).toBe(3);
    expect(valueOf('0.75')).toBe(0.75);
    expect(valueOf('1.5e3')).toBe(1500);
    expect(valueOf('0x1F')).toBe(31);
    expect(valueOf('true')).toBe(true);
    expect(valueOf('false')).toBe(false);
    expect(valueOf('null')).toBe(null);
    // A sign makes an operation: its text, like every other expression.
    expect(valueOf('-1')).toBe('-1');
  });

  it('reads plain strings without their outer whitespace and with escapes as written', () => {
    expect(valueOf('"hashicorp/aws"')).toBe('hashicorp/aws');
    expect(valueOf('"  spaced out  "')).toBe('spaced out');
    expect(valueOf('"say \\"hi\\"\\n"')).toBe('say \\"hi\\"\\n');
    expect(valueOf('"caf\\u00e9"')).toBe('caf\\u00e9');
    expect(valueOf('""')).toBe('');
    expect(valueOf('"literal $${x} and %%{y}"')).toBe('literal $${x} and %%{y}');
  });

  it('reads templates as the text between their quotes', () => {
    expect(valueOf('" ${var.env}-main "')).toBe(' ${var.env}-main ');
    expect(valueOf('"${lookup(var.m, "k", "}")}-x"')).toBe('${lookup(var.m, "k", "}")}-x');
    expect(valueOf('"${jsonencode({ a = { b = "}" } })}"')).toBe('${jsonencode({ a = { b = "}" } })}');
    expect(valueOf('"%{ if var.on }on%{ else }off%{ endif }"')).toBe('%{ if var.on }on%{ else }off%{ endif }');
    expect(valueOf('"%{ for ip in var.ips ~}${ip},%{ endfor ~}"')).toBe('%{ for ip in var.ips ~}${ip},%{ endfor ~}');
  });

  it('reads heredocs as their source text, up to the line that holds only the marker', () => {
    expect(valueOf('<<EOF\nline one\n  ${var.x}\nEOF')).toBe('<<EOF\nline one\n  ${var.x}\nEOF');
    const indented = '<<-EOT\n    echo "EOT is not the end"\n    EOT_NOT_EITHER\n    %{ if var.debug }set -x%{ endif }\n  EOT';
    expect(valueOf(indented)).toBe(indented);
    const file = parseHcl('b {\n  a = <<EOF\nx\nEOF\n  c = 2\n}\n');
    expect(file.blocks[0]!.attributes.c).toEqual({ name: 'c', value: 2, line: 5 });
  });

  it('reads tuples and objects as data, keys as written or as their text', () => {
    expect(valueOf('["a", 3, true, null, [1], { x = 1 }]')).toEqual(['a', 3, true, null, [1], { x: 1 }]);
    expect(valueOf('[\n  "one",\n  "two",\n]')).toEqual(['one', 'two']);
    expect(valueOf('{ name = "x", "quoted-key" = 1, colon : 2, (var.k) = 3, "${var.p}-s" = 4, 5 = 6 }')).toEqual({
      name: 'x',
      'quoted-key': 1,
      colon: 2,
      '(var.k)': 3,
      '${var.p}-s': 4,
      '5': 6,
    });
    expect(valueOf('{\n  a = 1\n  b = "two" c = [3]\n}')).toEqual({ a: 1, b: 'two', c: [3] });
    expect(valueOf('{ a = 1, a = 2 }')).toEqual({ a: 2 });
    expect(valueOf('[ 1 /* one */, # two\n 2 ]')).toEqual([1, 2]);
  });

  it('reads every other expression as its source text', () => {
    for (const expression of [
      'var.name',
      'module.vpc.private_subnets[0]',
      'aws_instance.web[*].id',
      'aws_instance.web.*.private_ip',
      'aws_instance.web.0.id',
      'max(1, 2, 3)',
      'min(var.numbers...)',
      'provider::aws::arn_parse(var.arn).region',
      '(var.a + var.b) * 2 - var.c / 4 % 3',
      'var.a >= 1 && var.b != "x" || !var.c',
      'var.env == "prod" ? "m5.large" : "t3.micro"',
      '[for s in var.list : upper(s) if s != ""]',
      '{ for k, v in var.map : k => v... if v != null }',
      'merge(\n    local.tags,\n    { Name = "x" },\n  )',
      'count.index-1',
      '"x"[0]',
    ]) {
      expect(valueOf(expression)).toBe(expression);
    }
  });

  it('cuts a single reference, call or operation at 500 characters, as the tree-sitter conversion did', () => {
    const long = 'x'.repeat(600);
    expect(valueOf(`concat(${long})`)).toBe(`concat(${long})`.slice(0, 500));
    expect(valueOf(`var.${long}`)).toBe(`var.${long}`);
  });
});

describe('parseHcl blocks', () => {
  it('reads Terraform modules, providers, locals, dynamic blocks and helm_release set blocks with their lines', () => {
    const text = [
      'provider "kubernetes" {',
      '  host = module.eks.cluster_endpoint',
      '  exec {',
      '    api_version = "client.authentication.k8s.io/v1beta1"',
      '    args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name]',
      '  }',
      '}',
      '',
      'locals {',
      '  tags = { Team = "platform" }',
      '}',
      '',
      'module "irsa" {',
      '  for_each = toset(["external-dns", "cert-manager"])',
      '  source   = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"',
      '}',
      '',
      'resource "helm_release" "argocd" {',
      '  name       = "argocd"',
      '  repository = "https://argoproj.github.io/argo-helm"',
      '  chart      = "argo-cd"',
      '  values = [',
      '    <<-EOT',
      '    server:',
      '      replicas: 2',
      '    EOT',
      '  ]',
      '  set {',
      '    name  = "server.service.type"',
      '    value = "ClusterIP"',
      '  }',
      '  dynamic "set" {',
      '    for_each = var.extra',
      '    content {',
      '      name  = set.key',
      '      value = set.value',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const file = parseHcl(text);
    expect(file.hasErrors).toBe(false);
    expect(file.blocks.map((b) => [b.type, b.labels, b.line])).toEqual([
      ['provider', ['kubernetes'], 1],
      ['locals', [], 9],
      ['module', ['irsa'], 13],
      ['resource', ['helm_release', 'argocd'], 18],
    ]);
    const [provider, locals, irsa, release] = file.blocks as [HclBlock, HclBlock, HclBlock, HclBlock];
    expect(provider.blocks[0]!.attributes.args).toEqual({ name: 'args', value: ['eks', 'get-token', '--cluster-name', 'module.eks.cluster_name'], line: 5 });
    expect(locals.attributes.tags!.value).toEqual({ Team: 'platform' });
    expect(irsa.attributes.for_each).toEqual({ name: 'for_each', value: 'toset(["external-dns", "cert-manager"])', line: 14 });
    expect(release.attributes.values!.value).toEqual(['<<-EOT\n    server:\n      replicas: 2\n    EOT']);
    expect(release.blocks.map((b) => [b.type, b.labels, b.line])).toEqual([
      ['set', [], 28],
      ['dynamic', ['set'], 32],
    ]);
    expect(release.blocks[0]!.attributes.value!.value).toBe('ClusterIP');
    expect(release.blocks[1]!.blocks[0]!.attributes.name).toEqual({ name: 'name', value: 'set.key', line: 35 });
    expect(allBlocks(file).map((b) => b.type)).toEqual(['provider', 'exec', 'locals', 'module', 'resource', 'set', 'dynamic', 'content']);
  });

  it('reads Terragrunt blocks; attributes outside any block are not kept', () => {
    const file = parseHcl(
      [
        'include "root" {',
        '  path = find_in_parent_folders()',
        '}',
        'dependency "vpc" {',
        '  config_path  = "../vpc"',
        '  mock_outputs = { vpc_id = "vpc-0" }',
        '}',
        'inputs = merge(local.common, {',
        '  vpc_id = dependency.vpc.outputs.vpc_id',
        '})',
      ].join('\n'),
    );
    expect(file.hasErrors).toBe(false);
    expect(file.blocks.map((b) => [b.type, b.labels[0], b.line])).toEqual([
      ['include', 'root', 1],
      ['dependency', 'vpc', 4],
    ]);
    expect(file.blocks[1]!.attributes.mock_outputs!.value).toEqual({ vpc_id: 'vpc-0' });
  });

  it('reads labels as identifiers or strings, one-line blocks, and attributes that share a line', () => {
    const file = parseHcl('resource null_resource "  spaced " { triggers = { a = 1 } }\nx { y { z = 1 w = "2" } }\nempty {}\n');
    expect(file.hasErrors).toBe(false);
    expect(file.blocks[0]).toMatchObject({ type: 'resource', labels: ['null_resource', 'spaced'], line: 1 });
    expect(file.blocks[0]!.attributes.triggers!.value).toEqual({ a: 1 });
    expect(file.blocks[1]!.blocks[0]!.attributes).toEqual({ z: { name: 'z', value: 1, line: 2 }, w: { name: 'w', value: '2', line: 2 } });
    expect(file.blocks[2]).toEqual({ type: 'empty', labels: [], line: 3, attributes: {}, blocks: [] });
  });

  it('skips the three kinds of comment anywhere', () => {
    const file = parseHcl('# one\n// two\n/* three\n   lines */ b /* x */ "l" { # c\n  a = /* d */ 1 // e\n}\n');
    expect(file.hasErrors).toBe(false);
    expect(file.blocks[0]).toEqual({ type: 'b', labels: ['l'], line: 4, attributes: { a: { name: 'a', value: 1, line: 5 } }, blocks: [] });
  });

  it('gives attributes whose value spans lines the line of their name', () => {
    const file = parseHcl('b {\n  a = [\n    1,\n  ]\n  c = f(\n    x,\n  )\n  d = 1\n}\n');
    expect(Object.values(file.blocks[0]!.attributes).map((a) => [a.name, a.line])).toEqual([
      ['a', 2],
      ['c', 5],
      ['d', 8],
    ]);
  });
});
