import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'pulumi',
  name: 'Pulumi',
  kind: 'tool',
  category: 'infrastructure-as-code',
  description:
    'A Pulumi project (Pulumi.yaml with a runtime) or stack configuration (Pulumi.<stack>.yaml), a Pulumi SDK or provider in a dependency file, a Pulumi Kubernetes Operator Stack, or a pipeline step that runs pulumi up/preview or the pulumi/actions action.',
  remediation:
    'Describe the cluster and its cloud resources as a Pulumi program in git (for example with @pulumi/eks, @pulumi/azure-native or @pulumi/gcp), keep state in a managed backend and run `pulumi preview` on every pull request.',
  component: {
    images: [/^pulumi\/pulumi-kubernetes-operator$/],
    objects: [{ group: /^pulumi\.com$/, kind: /^(Stack|Program)$/ }],
    commands: [/(^|[\s;&|(/])pulumi\s+(--?\S+\s+)*(up|preview|refresh|destroy|import|stack\s+(select|init|output)|login|config\s+set)\b/],
    ciUses: [/^pulumi\/(actions|setup-pulumi|auth-actions)@|^pulumi\/pulumi@/],
    dependencies: [
      { name: /^@pulumi\/[\w-]+$/, ecosystems: ['npm'] },
      { name: /^pulumi([-_][\w-]+)?$/, ecosystems: ['pypi'] },
      { name: /^github\.com\/pulumi\/pulumi(-[\w-]+)?\/sdk(\/v\d+)?(\/|$)/, ecosystems: ['go'] },
      { name: /^Pulumi(\.[\w.]+)?$/, ecosystems: ['nuget'] },
      { name: /^com\.pulumi:/, ecosystems: ['maven'] },
    ],
  },
} satisfies DetectorDefinition;
