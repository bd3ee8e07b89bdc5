import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'nexus',
  name: 'Sonatype Nexus',
  kind: 'tool',
  category: 'image-registry',
  description:
    'Nexus Repository used as a registry or repository manager: CI pushes or logs in to a Nexus host, images or Dockerfile bases pulled from one, Maven/npm/pip/Gradle settings pointing at one, Nexus deployed (sonatype/nexus3 image, nexus-repository-manager chart) or managed with the Terraform nexus provider. A host counts as Nexus when its name contains "nexus".',
  remediation:
    'Run one repository manager (Nexus, or a cloud registry) as the single source for images and packages: CI pushes there, clusters and builds pull from there, with cleanup policies and access control.',
  component: {
    images: [/(^|\/)sonatype\/nexus3?$/],
    charts: [/^(nexus-repository-manager|nexus3|sonatype-nexus|nxrm-ha|nexus)$/],
    terraformProviders: /^nexus$/,
    terraformResources: /^nexus_/,
  },
} satisfies DetectorDefinition;
