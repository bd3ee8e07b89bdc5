import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'cloudformation',
  name: 'AWS CloudFormation',
  kind: 'tool',
  category: 'infrastructure-as-code',
  description:
    'CloudFormation or SAM templates (AWSTemplateFormatVersion, or Resources with AWS:: types), an AWS CDK app (cdk.json, aws-cdk-lib dependency), a Terraform aws_cloudformation_stack, or a pipeline step that runs aws cloudformation deploy/create-stack, sam deploy or cdk deploy.',
  remediation:
    'Describe the cluster and its AWS resources as CloudFormation (or AWS CDK) templates in git and deploy them from a pipeline with change sets, instead of creating them by hand in the console.',
  component: {
    commands: [
      /(^|[\s;&|(/])aws\s+(--?\S+\s+)*cloudformation\s+(deploy|create-stack|update-stack|create-change-set|execute-change-set|package|create-stack-set|update-stack-set)\b/,
      /(^|[\s;&|(/])sam\s+(deploy|build|package|sync)\b/,
      /(^|[\s;&|(/])(npx\s+(aws-)?)?cdk\s+(deploy|synth|diff|bootstrap)\b/,
      /(^|[\s;&|(/])rain\s+deploy\b/,
    ],
    ciUses: [/^aws-actions\/aws-cloudformation-github-deploy@|^aws-actions\/setup-sam@|^circleci\/aws-sam-serverless@|^CloudFormationCreateOrUpdateStack@\d/],
    dependencies: [
      { name: /^(aws-cdk-lib|aws-cdk|@aws-cdk\/core|@aws-cdk\/aws-[\w-]+)$/, ecosystems: ['npm'] },
      { name: /^(aws-cdk-lib|aws-cdk\.core)$/, ecosystems: ['pypi'] },
      { name: /^software\.amazon\.awscdk:(aws-cdk-lib|core)$/, ecosystems: ['maven'] },
      { name: /^Amazon\.CDK(\.Lib)?$/, ecosystems: ['nuget'] },
      { name: /^github\.com\/aws\/aws-cdk-go\/awscdk(\/v2)?$/, ecosystems: ['go'] },
    ],
    // cdk.json names the app the CDK CLI synthesizes into CloudFormation.
    files: [{ path: /(^|\/)cdk\.json$/, contains: /"app"\s*:/ }],
    terraformResources: /^aws_cloudformation_stack(_set)?$/,
  },
} satisfies DetectorDefinition;
