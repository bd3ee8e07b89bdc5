import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'spinnaker',
  name: 'Spinnaker',
  kind: 'tool',
  category: 'cd',
  description:
    'Spinnaker pipelines kept in git (pipeline JSON or YAML whose stages have Spinnaker types such as deployManifest, bakeManifest or manualJudgment, Armory dinghyfiles), Halyard configuration (.hal/config), a SpinnakerService of the Spinnaker operator, the spinnaker Helm chart or its service images, the Terraform spinnaker provider, or `spin pipeline save` / `hal deploy apply` in a pipeline or script.',
  remediation:
    'Model each service\'s path to production as a Spinnaker pipeline (bake, deploy to staging, manual judgment or canary, deploy to production) and keep it in git with dinghy or `spin pipeline save` so it is reviewed like code; Argo CD or Flux are lighter alternatives when every target is Kubernetes.',
  component: {
    images: [/^(spinnaker[\w-]*(\/[\w-]+)*|armory(-io)?)\/(halyard|deck|gate|orca|clouddriver|echo|front50|igor|rosco|fiat|kayenta|dinghy|spinnaker-operator)$/],
    charts: [/^spinnaker$/],
    objects: [{ group: /^spinnaker(\.armory)?\.io$/ }],
    terraformProviders: /^spinnaker$/,
    terraformResources: /^spinnaker_/,
    commands: [
      /(^|[\s;&|(/])spin\s+(pipeline|pipeline-templates?|application|project|canary)\s+[a-z]/,
      /(^|[\s;&|(/])hal\s+(deploy|config|backup)\s+[a-z]/,
    ],
    ciUses: [/spinnaker/i],
    files: [
      { path: /(^|\/)\.hal\/config$/, contains: /^deploymentConfigurations\s*:/m },
      { path: /(^|\/)dinghyfile$/i, contains: /"(application|pipelines|stages)"\s*:|\{\{\s*(module|appModule|pipelineID)\b/ },
    ],
  },
} satisfies DetectorDefinition;
