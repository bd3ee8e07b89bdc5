import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'eks',
  name: 'Amazon EKS',
  kind: 'tool',
  category: 'cluster-provisioner',
  description:
    'An Amazon EKS cluster defined as code: Terraform aws_eks_* resources or the terraform-aws-modules/eks module, CloudFormation AWS::EKS::Cluster, an eksctl ClusterConfig, Pulumi @pulumi/eks or aws.eks.Cluster, AWS CDK aws-eks, or a pipeline step that runs eksctl create cluster or aws eks update-kubeconfig.',
  remediation:
    'Define the EKS cluster and its node groups as code (terraform-aws-modules/eks/aws, eksctl ClusterConfig or CDK) in git and apply it from a pipeline, instead of creating it in the console.',
  component: {
    objects: [{ group: /^eksctl\.io$/, kind: /^ClusterConfig$/ }],
    terraformResources: /^aws_eks_(cluster|node_group|fargate_profile|addon|access_entry|pod_identity_association)$/,
    terraformModules: /terraform-aws-modules\/eks\/aws|terraform-aws-modules\/terraform-aws-eks\b|cloudposse\/eks-(cluster|node-group|workers)\/aws|aws-ia\/eks-blueprints|terraform-aws-eks-blueprints/,
    commands: [
      /(^|[\s;&|(/])eksctl\s+(--?\S+\s+)*(create|upgrade|delete|utils|scale|drain|get)\s+(cluster|nodegroup|ng|iamserviceaccount|addon|fargateprofile|-f)\b/,
      /(^|[\s;&|(/])aws\s+(--?\S+\s+)*eks\s+(update-kubeconfig|create-cluster|create-nodegroup|update-cluster-version|wait)\b/,
    ],
    ciUses: [/^circleci\/aws-eks@|^aws-actions\/amazon-eks-/],
    dependencies: [
      { name: /^(@pulumi\/eks|@aws-cdk\/aws-eks(-v2-alpha)?|@aws-quickstart\/eks-blueprints|@aws-cdk\/lambda-layer-kubectl(-v\d+)?|@aws-cdk\/aws-eks-v2-alpha)$/, ecosystems: ['npm'] },
      { name: /^(pulumi[-_]eks|aws-cdk\.aws-eks)$/, ecosystems: ['pypi'] },
      { name: /^github\.com\/pulumi\/pulumi-eks\/sdk/, ecosystems: ['go'] },
    ],
  },
} satisfies DetectorDefinition;
