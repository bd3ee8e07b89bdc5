import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('audit-logging detector', () => {
  it('finds an audit policy, kubeadm audit flags, EKS audit logs and an AKS kube-audit diagnostic setting', async () => {
    const result = await detectIn(detector, join(fixtures, 'audited'));
    expect(places(result).sort()).toEqual(
      ['kubeadm/audit-policy.yaml:1', 'kubeadm/cluster-config.yaml:7', 'kubeadm/cluster-config.yaml:8', 'terraform/eks/main.tf:8', 'terraform/aks/diagnostics.tf:7'].sort(),
    );
  });

  it('finds an audit policy nested in a Talos KubeAuditPolicyConfig of a Jinja-templated machine config', async () => {
    const result = await detectIn(detector, join(fixtures, 'talos'));
    expect(places(result)).toEqual(['talos/controlplane.yaml.j2:18']);
  });

  it('counts kube-apiserver unit flags when a policy file is given, and not a log path alone (no policy, no events)', async () => {
    const result = await detectIn(detector, join(fixtures, 'hand-built'));
    expect(places(result).sort()).toEqual(['units/kube-apiserver.service:7', 'units/kube-apiserver.service:8']);
    const alone = await detectIn(detector, join(fixtures, 'not-audited'));
    expect(alone.evidence.some((e) => e.file.startsWith('units/'))).toBe(false);
  });

  it('does not count a README, comments, or log types and categories without audit', async () => {
    const result = await detectIn(detector, join(fixtures, 'not-audited'));
    expect(result.evidence).toEqual([]);
  });

  it('follows enabled_cluster_log_types = var.X to the variable default of the same module (terraform-aws-modules/terraform-aws-eks)', async () => {
    const result = await detectIn(detector, join(fixtures, 'module-default'));
    expect(places(result)).toEqual(['modules/cluster/main.tf:6']);
    expect(result.evidence[0]?.detail).toBe('enabled_cluster_log_types includes audit (default of var.enabled_log_types)');
    const off = await detectIn(detector, join(fixtures, 'module-default-off'));
    expect(off.evidence).toEqual([]);
  });

  it('finds EKS audit logs switched on in Pulumi (Go, TypeScript, YAML) and CDK (TypeScript, Python) programs, and AKS kube-audit in Pulumi', async () => {
    // Modelled on a Pulumi Go EKS repository (eks/main.go EnabledClusterLogTypes) and CDK apps.
    expect(places(await detectIn(detector, join(fixtures, 'programs'))).sort()).toEqual(
      [
        'cdk-py/stacks/cluster_stack.py:12',
        'cdk-ts/lib/cluster-stack.ts:10',
        'pulumi-azure/index.ts:12',
        'pulumi-go/eks/main.go:17',
        'pulumi-ts/index.ts:7',
        'pulumi-yaml/Pulumi.yaml:10',
      ].sort(),
    );
  });
});
