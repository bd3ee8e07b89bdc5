import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'audit-logging',
  name: 'Kubernetes API audit logging',
  kind: 'practice',
  description:
    'Kubernetes API audit logging is configured: an audit.k8s.io Policy, kube-apiserver `--audit-policy-file`/`--audit-log-path`/`--audit-webhook-config-file` flags (static pod, kubeadm ClusterConfiguration, k3s/RKE/kops settings), EKS control-plane logs including "audit" (Terraform/OpenTofu, eksctl, CloudFormation, or an AWS CDK or Pulumi program: clusterLogging, enabledClusterLogTypes), AKS diagnostic settings with kube-audit, or GKE Data Access audit config for container.googleapis.com.',
  remediation:
    'Turn on API audit logs: an audit.k8s.io Policy with `--audit-policy-file` on self-managed clusters, `enabled_cluster_log_types = ["audit", …]` on EKS, a diagnostic setting with kube-audit on AKS, and ship them to the central log store.',
} satisfies DetectorDefinition;
