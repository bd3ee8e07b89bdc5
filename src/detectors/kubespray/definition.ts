import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'kubespray',
  name: 'Kubespray',
  kind: 'tool',
  category: 'cluster-provisioner',
  description:
    'A Kubespray inventory (group_vars with Kubespray variables such as kube_network_plugin, or hosts with kube_control_plane and kube_node groups), a playbook importing Kubespray, Kubespray as a git submodule or Galaxy requirement, or ansible-playbook running Kubespray cluster.yml.',
  remediation:
    'Keep the Kubespray inventory (hosts and group_vars) in git with Kubespray pinned as a submodule or collection, and run `ansible-playbook -i inventory/<cluster>/hosts.yaml cluster.yml` from a pipeline.',
  component: {
    commands: [
      /(^|[\s;&|(/])ansible-playbook\s.*\b(kubespray\/|(upgrade-cluster|remove-node|recover-control-plane)\.ya?ml\b)/,
      /(^|[\s;&|(/])ansible-playbook\s.*\binventory\/[^/\s]+\/(hosts\.ya?ml|inventory\.ini)\b.*\bcluster\.ya?ml\b/,
      /quay\.io\/kubespray\/kubespray\b/,
    ],
  },
} satisfies DetectorDefinition;
