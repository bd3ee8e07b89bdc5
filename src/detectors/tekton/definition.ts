import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'tekton',
  name: 'Tekton',
  kind: 'tool',
  category: 'ci',
  description:
    'Tekton objects kept in git (tekton.dev Pipeline, Task, PipelineRun, TaskRun, StepAction; triggers.tekton.dev TriggerTemplate, EventListener; Pipelines-as-Code Repository; operator TektonConfig), a Tekton install (release manifests, tekton charts, controller images), or `tkn` runs in a pipeline or script. Files under docs, examples or tests do not count.',
  remediation:
    'Describe build and test steps as Tekton Tasks and Pipelines in git, trigger them with Tekton Triggers or Pipelines-as-Code on every push and pull request, and install Tekton with the operator or its release manifests.',
  component: {
    objects: [{ group: /^(tekton\.dev|triggers\.tekton\.dev|operator\.tekton\.dev|pipelinesascode\.tekton\.dev|results\.tekton\.dev|dashboard\.tekton\.dev)$/ }],
    images: [/^tekton-releases\/github\.com\/tektoncd\/(pipeline|triggers|dashboard|operator|chains|results|pipelines-as-code)\/cmd\//, /^tektoncd\/(pipeline|triggers|dashboard|operator|chains|results|pipelines-as-code)\//],
    charts: [/^tekton(-(pipelines?|triggers|dashboard|operator|chains))?$/],
    commands: [
      /(^|[\s;&|(/])tkn\s+(pipeline|task|clustertask|pipelinerun|taskrun|bundle|triggertemplate|eventlistener|p|t|pr|tr)\s+(start|logs|create|list|ls|describe|push|delete|cancel)\b/,
      /(tekton-releases\/|infra\.tekton\.dev\/tekton-releases|github\.com\/tektoncd\/[\w-]+\/releases\/download\/)/,
    ],
    ciUses: [/^tektoncd\/|^openshift-pipelines\//i],
  },
} satisfies DetectorDefinition;
