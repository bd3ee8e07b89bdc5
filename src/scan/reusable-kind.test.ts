import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTree } from '../../test/helpers/fixtures.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { scanRepository } from './scan-repository.js';

/** Code written for others to instantiate is no platform (src/scan/reusable-code.ts, rule 1c of repository-kind.ts). */

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

/** An EKS control-plane module as registry modules are laid out (cloudposse, terraform-aws-modules). */
const eksModule: Record<string, string> = {
  'main.tf': [
    'resource "aws_eks_cluster" "default" {',
    '  count    = local.enabled ? 1 : 0',
    '  name     = module.label.id',
    '  role_arn = local.eks_service_role_arn',
    '  version  = var.kubernetes_version',
    '',
    '  dynamic "encryption_config" {',
    '    for_each = var.cluster_encryption_config_enabled ? [local.cluster_encryption_config] : []',
    '    content {',
    '      resources = encryption_config.value.resources',
    '      provider {',
    '        key_arn = encryption_config.value.provider_key_arn',
    '      }',
    '    }',
    '  }',
    '',
    '  vpc_config {',
    '    subnet_ids = var.subnet_ids',
    '  }',
    '}',
    '',
  ].join('\n'),
  'variables.tf': 'variable "kubernetes_version" {\n  type    = string\n  default = "1.31"\n}\n\nvariable "subnet_ids" {\n  type = list(string)\n}\n',
  'outputs.tf': 'output "eks_cluster_id" {\n  value = one(aws_eks_cluster.default[*].id)\n}\n',
  'versions.tf': 'terraform {\n  required_version = ">= 1.3.0"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.74"\n    }\n  }\n}\n',
  'examples/complete/main.tf': 'provider "aws" {\n  region = var.region\n}\n\nmodule "eks_cluster" {\n  source = "../../"\n\n  subnet_ids         = module.subnets.public_subnet_ids\n  kubernetes_version = var.kubernetes_version\n}\n',
  '.github/workflows/branch.yml': 'name: Branch\non:\n  pull_request:\n    branches: [main]\njobs:\n  terraform-module:\n    uses: cloudposse/.github/.github/workflows/shared-terraform-module.yml@main\n',
};

describe('reusable code is not a platform', () => {
  it('takes a registry-layout Terraform module that declares an EKS cluster for its callers for a library', async () => {
    const result = await kindOfTree(eksModule);
    expect(result).toEqual({
      kind: 'library',
      kindReason: 'a reusable Terraform module (main.tf, variables.tf, outputs.tf, examples/complete/main.tf calls it as a module): its callers instantiate it; it runs nothing itself',
    });
  });

  it('keeps the same files a platform when the root configures a backend and a provider (a root configuration someone applies)', async () => {
    const result = await kindOfTree({
      ...eksModule,
      'versions.tf': 'terraform {\n  backend "s3" {\n    bucket = "acme-tfstate"\n    key    = "eks/prod.tfstate"\n  }\n}\n',
      'providers.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n',
    });
    expect(result.kind).toBe('platform');
  });

  it('takes a Terraform module that installs k3s by remote-exec on the servers it creates for tooling (an installer)', async () => {
    const result = await kindOfTree({
      'main.tf': 'resource "hcloud_server" "control_plane" {\n  count       = var.control_plane_count\n  name        = "k3s-cp-${count.index}"\n  server_type = "cx22"\n  image       = "ubuntu-24.04"\n}\n',
      'locals.tf': 'locals {\n  install_k3s_server = [\n    "curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC=server sh -",\n  ]\n}\n',
      'init.tf': 'resource "null_resource" "first_control_plane" {\n  connection {\n    host = hcloud_server.control_plane[0].ipv4_address\n  }\n\n  provisioner "remote-exec" {\n    inline = local.install_k3s_server\n  }\n}\n',
      'variables.tf': 'variable "control_plane_count" {\n  type    = number\n  default = 3\n}\n',
      'output.tf': 'output "control_plane_ips" {\n  value = hcloud_server.control_plane[*].ipv4_address\n}\n',
      'kube.tf.example': 'module "kube-hetzner" {\n  source = "kube-hetzner/kube-hetzner/hcloud"\n}\n',
    });
    expect(result).toEqual({
      kind: 'tooling',
      kindReason: 'a Terraform module (main.tf, variables.tf, output.tf, kube.tf.example) that installs k3s on the machines it creates (locals.tf:3): an installer for others, not a platform it runs',
    });
  });

  it('takes an Ansible collection that installs RKE2 on the hosts its users list for tooling', async () => {
    const result = await kindOfTree({
      'galaxy.yml': '---\nnamespace: rancherfederal\nname: rke2_ansible\nversion: 1.2.0\nreadme: README.md\nauthors:\n  - Rancher Government\n',
      'site.yml': '- name: RKE2 play\n  hosts: all\n  become: true\n  roles:\n    - role: rke2\n',
      'roles/rke2/tasks/tarball_install.yml': '- name: Download the RKE2 tarball\n  ansible.builtin.get_url:\n    url: "https://github.com/rancher/rke2/releases/download/{{ rke2_full_version }}/rke2.linux-amd64.tar.gz"\n    dest: /tmp/rke2.linux-amd64.tar.gz\n    mode: "0644"\n',
      'ansible.cfg': '[defaults]\nroles_path = ./roles\n',
    });
    expect(result).toEqual({ kind: 'tooling', kindReason: 'an Ansible collection for others to run against their own hosts (galaxy.yml): an installer, not a platform it runs' });
  });

  it('keeps a homelab that runs Ansible and delivers with Flux a platform, even with a role of its own', async () => {
    const result = await kindOfTree({
      'meta/main.yml': 'galaxy_info:\n  author: me\n  description: homelab\n',
      'tasks/main.yml': '- name: Install k3s\n  ansible.builtin.shell: curl -sfL https://get.k3s.io | sh -\n',
      'clusters/home/flux-system/gotk-sync.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://github.com/me/homelab\n',
    });
    expect(result.kind).toBe('platform');
  });

  it('takes an add-on module without outputs.tf whose example calls the root for a library, its helm provider no chart of its own', async () => {
    // Modelled on lablabs/terraform-aws-eks-cluster-autoscaler (set E): installs the upstream
    // cluster-autoscaler chart through a shared add-on module; examples/basic calls "../../"; CI runs terraform validate.
    const result = await kindOfTree({
      'main.tf': 'locals {\n  addon = {\n    name               = "cluster-autoscaler"\n    helm_chart_name    = "cluster-autoscaler"\n    helm_chart_version = "9.19.1"\n    helm_repo_url      = "https://kubernetes.github.io/autoscaler"\n  }\n}\n',
      'addon.tf': 'module "addon" {\n  source = "git::https://github.com/lablabs/terraform-aws-eks-universal-addon.git//modules/addon?ref=v0.0.24"\n\n  enabled   = var.enabled\n  namespace = var.namespace\n}\n',
      'variables.tf': 'variable "enabled" {\n  type    = bool\n  default = true\n}\n\nvariable "namespace" {\n  type    = string\n  default = "kube-system"\n}\n',
      'versions.tf': 'terraform {\n  required_version = ">= 1.5"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5"\n    }\n    helm = {\n      source  = "hashicorp/helm"\n      version = ">= 2.6"\n    }\n  }\n}\n',
      'examples/basic/main.tf': 'module "addon_installation_helm" {\n  source = "../../"\n\n  enabled = true\n}\n',
      'examples/basic/providers.tf': 'provider "aws" {\n  region = "eu-central-1"\n}\n',
      '.github/workflows/validate.yaml': 'name: Terraform validate\non:\n  pull_request:\njobs:\n  validate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: hashicorp/setup-terraform@v3\n      - run: terraform init -backend=false\n      - run: terraform validate\n',
    });
    expect(result).toEqual({ kind: 'library', kindReason: 'a reusable Terraform module (main.tf, variables.tf, examples/basic/main.tf calls it as a module): its callers instantiate it; it runs nothing itself' });
  });

  it('takes a module whose README tells callers to use it from the registry for a library, and a root configuration with tfvars for a platform', async () => {
    const module = {
      'main.tf': 'resource "aws_db_instance" "this" {\n  engine         = "postgres"\n  instance_class = var.instance_class\n}\n',
      'variables.tf': 'variable "instance_class" {\n  type = string\n}\n',
      'outputs.tf': 'output "endpoint" {\n  value = aws_db_instance.this.endpoint\n}\n',
      'README.md': '# RDS module\n\n## Usage\n\n```hcl\nmodule "db" {\n  source  = "acme/rds/aws"\n  version = "~> 2.0"\n\n  instance_class = "db.t4g.medium"\n}\n```\n',
    };
    expect(await kindOfTree(module)).toEqual({
      kind: 'library',
      kindReason: 'a reusable Terraform module (main.tf, variables.tf, outputs.tf, README.md (source = "acme/rds/aws")): its callers instantiate it; it runs nothing itself',
    });
    expect((await kindOfTree({ ...module, 'env/prod.tfvars': 'instance_class = "db.r6g.large"\n' })).kind).toBe('platform');
  });
});
