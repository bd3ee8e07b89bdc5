import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'terraform',
  name: 'Terraform',
  kind: 'tool',
  category: 'infrastructure-as-code',
  description:
    'Terraform (or OpenTofu) configuration: .tf files with resource, module, provider or terraform blocks, Terragrunt files, or a pipeline step that runs terraform/tofu/terragrunt init, plan or apply.',
  remediation:
    'Describe the cluster and its cloud resources in Terraform: start from a maintained module (terraform-aws-modules/eks/aws, Azure/aks/azurerm, terraform-google-modules/kubernetes-engine/google), keep state remote and locked, and run `terraform plan` on every pull request.',
  component: {
    commands: [/(^|[\s;&|(/])(terraform|tofu|terragrunt)\s+(-chdir=\S+\s+)?(init|plan|apply|validate|run-all)\b/],
    ciUses: [/^hashicorp\/setup-terraform@|^opentofu\/setup-opentofu@|^circleci\/terraform@|^gruntwork-io\/terragrunt-action@/],
  },
} satisfies DetectorDefinition;
