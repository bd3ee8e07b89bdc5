import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'rke',
  name: 'Rancher Kubernetes Engine (RKE/RKE2)',
  kind: 'tool',
  category: 'cluster-provisioner',
  description:
    'An RKE cluster.yml (nodes with address and controlplane/etcd/worker roles), an RKE2 config.yaml, Terraform rke_cluster or rancher2_cluster resources with an RKE config, RKE2 install steps, or a pipeline step that runs rke up.',
  remediation:
    'Keep the RKE/RKE2 cluster definition (cluster.yml or /etc/rancher/rke2/config.yaml, or Terraform rke/rancher2 resources) in git and apply it from a pipeline, so the self-managed cluster can be rebuilt from code.',
  component: {
    // RKE2 control planes run these as static pods; its bundled charts are named rke2-*.
    images: [/^rancher\/(rke-tools|rke2-runtime|rke2-cloud-provider|hardened-kubernetes)$/],
    charts: [/^rke2-(ingress-nginx|canal|calico|cilium|coredns|metrics-server|multus|snapshot-controller)$/],
    commands: [
      /(^|[\s;&|(/])rke\s+(--?\S+\s+)*(up|remove|etcd\s+snapshot-(save|restore)|cert\s+rotate|encrypt)\b/,
      /get\.rke2\.io|(^|[\s;&|(/])systemctl\s+(enable|start|restart)\s+(--now\s+)?rke2-(server|agent)\b/,
    ],
    terraformResources: /^rke_cluster$/,
    terraformProviders: /^rke$/,
  },
} satisfies DetectorDefinition;
