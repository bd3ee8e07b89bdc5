import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'packer',
  name: 'Packer',
  kind: 'tool',
  category: 'configuration-management',
  description:
    'Packer templates: *.pkr.hcl files with source, build or packer blocks, legacy JSON templates with builders, or a pipeline step that runs packer build/init/validate.',
  remediation:
    'Bake node images with Packer (from a *.pkr.hcl template in git, built in a pipeline) so every node of a self-managed cluster starts from the same tested image.',
  component: {
    commands: [/(^|[\s;&|(/])packer(\.exe)?\s+(--?\S+\s+)*(build|init|validate)\b/],
    ciUses: [/^hashicorp\/(setup-packer|packer-github-actions)@|^circleci\/packer@|^PackerBuild@\d/],
  },
} satisfies DetectorDefinition;
