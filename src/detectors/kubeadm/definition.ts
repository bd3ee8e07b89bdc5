import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'kubeadm',
  name: 'kubeadm',
  kind: 'tool',
  category: 'cluster-provisioner',
  description:
    'kubeadm configuration (kubeadm.k8s.io ClusterConfiguration, InitConfiguration, JoinConfiguration) in manifests, templates or cloud-init, or kubeadm init/join/upgrade run by a script, an Ansible task, cloud-init or a pipeline.',
  remediation:
    'Keep the kubeadm ClusterConfiguration/InitConfiguration in git and bootstrap nodes from it with scripted `kubeadm init --config` / `kubeadm join` (cloud-init, Ansible or Cluster API), never by hand.',
  component: {
    objects: [
      { group: /^kubeadm\.k8s\.io$/, kind: /^(ClusterConfiguration|InitConfiguration|JoinConfiguration|ResetConfiguration|UpgradeConfiguration)$/ },
      // Cluster API's kubeadm providers bootstrap every machine with kubeadm.
      { group: /^controlplane\.cluster\.x-k8s\.io$/, kind: /^KubeadmControlPlane(Template)?$/ },
      { group: /^bootstrap\.cluster\.x-k8s\.io$/, kind: /^KubeadmConfig(Template)?$/ },
    ],
    commands: [/(^|[\s;&|(/])kubeadm\s+(--?\S+\s+)*(init|join|upgrade\s+(apply|node|plan)|reset|token\s+create|certs\s+renew|config\s+images)\b/],
  },
} satisfies DetectorDefinition;
