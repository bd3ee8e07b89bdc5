import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/fixtures.js';

/**
 * A self-managed cluster whose nodes Terraform creates and configures itself: kubeadm run by a
 * remote-exec provisioner from a local heredoc, workers joined by cloud-init user data. Both are
 * node configuration as code (issue #14: a cluster in a form no signal read stayed at stage 0).
 */
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'k8s-maturity.cjs');
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const tree = {
  'infra/main.tf': [
    'provider "aws" {',
    '  region = "eu-west-1"',
    '}',
    '',
    'resource "aws_instance" "master" {',
    '  ami           = data.aws_ami.ubuntu.id',
    '  instance_type = "t3.medium"',
    '',
    '  provisioner "remote-exec" {',
    '    inline = [local.master_bootstrap]',
    '  }',
    '}',
    '',
    'resource "aws_instance" "worker" {',
    '  count         = 2',
    '  ami           = data.aws_ami.ubuntu.id',
    '  instance_type = "t3.medium"',
    '  user_data     = templatefile("${path.module}/templates/worker.yaml.tpl", { endpoint = aws_instance.master.private_ip })',
    '}',
    '',
  ].join('\n'),
  'infra/locals.tf': 'locals {\n  master_bootstrap = <<-EOT\n    kubeadm init --pod-network-cidr 10.244.0.0/16 --upload-certs\n  EOT\n}\n',
  'infra/templates/worker.yaml.tpl': '#cloud-config\nruncmd:\n  - kubeadm join ${endpoint}:6443 --token ${token} --discovery-token-unsafe-skip-ca-verification\n',
};

describe('nodes configured by Terraform provisioners and cloud-init', () => {
  it('meet the cluster definition (kubeadm) and node configuration management', () => {
    const root = writeTree(tree);
    roots.push(root);
    const run = spawnSync(process.execPath, [CLI, 'scan', root, '--format', 'json', '--no-history', '--quiet'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { capabilities: { id: string; status: string; evidence?: { signal?: string }[] }[] };
    const status = (id: string) => report.capabilities.find((c) => c.id === id)?.status;
    expect(status('cluster-definition')).toBe('met');
    // kubeadm makes node configuration required; the provisioner and the user data meet it.
    expect(status('configuration-management')).toBe('met');
  });
});
