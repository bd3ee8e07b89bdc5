import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'gke',
  name: 'Google Kubernetes Engine',
  kind: 'tool',
  category: 'cluster-provisioner',
  description:
    'A GKE cluster defined as code: Terraform google_container_cluster / google_container_node_pool or the terraform-google-modules kubernetes-engine module, Config Connector ContainerCluster, Deployment Manager container.v1.cluster, Pulumi gcp.container.Cluster, or a pipeline step that runs gcloud container clusters create/get-credentials.',
  remediation:
    'Define the GKE cluster and its node pools as code (terraform-google-modules/kubernetes-engine/google or Config Connector) in git and apply it from a pipeline, instead of creating it in the console.',
  component: {
    objects: [{ group: /^container\.cnrm\.cloud\.google\.com$/, kind: /^(ContainerCluster|ContainerNodePool)$/ }],
    terraformResources: /^google_container_(cluster|node_pool)$/,
    terraformModules: /terraform-google-modules\/kubernetes-engine\/google|terraform-google-modules\/terraform-google-kubernetes-engine\b|GoogleCloudPlatform\/gke-/,
    commands: [
      /(^|[\s;&|(/])gcloud\s+(--?\S+\s+)*((alpha|beta)\s+)?container\s+(--?\S+\s+)*(clusters\s+(create|create-auto|get-credentials|update|upgrade|resize)|node-pools\s+(create|update))\b/,
      /(^|[\s;&|(/])gke-deploy\s+(run|apply|prepare)\b/,
    ],
    ciUses: [/^google-github-actions\/(get-gke-credentials|deploy-gke)@|^circleci\/gcp-gke@/],
  },
} satisfies DetectorDefinition;
