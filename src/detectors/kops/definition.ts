import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'kops',
  name: 'kOps',
  kind: 'tool',
  category: 'cluster-provisioner',
  description:
    'kOps cluster specs (kops.k8s.io Cluster and InstanceGroup objects), Terraform written by kOps or the kops Terraform provider, or a pipeline step that runs kops create/update/rolling-update cluster.',
  remediation:
    'Keep the kOps Cluster and InstanceGroup specs in git (`kops get -o yaml`), apply them with `kops replace` and `kops update cluster --yes` from a pipeline, and keep the state store versioned.',
  component: {
    objects: [{ group: /^kops(\.k8s\.io)?$/, kind: /^(Cluster|InstanceGroup|SSHCredential|Keyset)$/ }],
    // Controllers kOps installs into every cluster it manages.
    images: [/^(kope|kops)\/(dns-controller|kops-controller|kube-apiserver-healthcheck)$/],
    commands: [/(^|[\s;&|(/])kops\s+(--?\S+\s+)*(create|update|rolling-update|replace|validate|export|toolbox|upgrade|delete)\s+(cluster|ig|instancegroup|kubecfg|-f|template|dump)\b/],
    terraformResources: /^kops_(cluster|instance_group|cluster_updater)$/,
    terraformProviders: /^kops$/,
  },
} satisfies DetectorDefinition;
