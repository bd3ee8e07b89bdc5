import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

const programs = join(import.meta.dirname, 'fixtures', 'programs');
const detector = (id: string) => DETECTORS.find((d) => d.id === id)!;

/**
 * CodeBuild and CodePipeline declared in AWS CDK and Pulumi programs, in each language teams write
 * them: the signal files name `codebuild.Project` once and every language's form is found.
 */
describe('CodeBuild and CodePipeline in infrastructure programs', () => {
  it('finds CodeBuild projects in CDK (TypeScript, Python, Go, Java) and Pulumi (TypeScript, Python, Go, C#, YAML)', async () => {
    expect(places(await detectIn(detector('aws-codebuild'), programs)).sort()).toEqual(
      [
        'cdk-go/pipeline.go:14', // awscodebuild.NewPipelineProject(stack, …)
        'cdk-java/src/main/java/com/acme/platform/PipelineStack.java:16', // Project.Builder.create(this, "Build"), Project imported
        'cdk-py/stacks/pipeline_stack.py:13', // pipelines.ShellStep("Synth", …)
        'cdk-py/stacks/pipeline_stack.py:24', // PipelineProject(self, …), imported from aws_cdk.aws_codebuild
        'cdk-ts/lib/delivery-stack.ts:17', // new codebuild.PipelineProject(…); Project.fromProjectName only refers to one
        'pulumi-cs/Program.cs:7', // new Aws.CodeBuild.Project(…)
        'pulumi-go/main.go:11', // codebuild.NewProject(ctx, …)
        'pulumi-py/__main__.py:4', // aws.codebuild.Project(…)
        'pulumi-ts/index.ts:5', // new aws.codebuild.Project(…)
        'pulumi-yaml/Pulumi.yaml:10', // type: aws:codebuild:Project
        'terraform/codebuild.tf:1',
      ].sort(),
    );
  });

  it('finds CodePipeline pipelines, CDK Pipelines included', async () => {
    expect(places(await detectIn(detector('aws-codepipeline'), programs)).sort()).toEqual(
      [
        'cdk-go/pipeline.go:28',
        'cdk-java/src/main/java/com/acme/platform/PipelineStack.java:25',
        'cdk-py/stacks/pipeline_stack.py:10',
        'cdk-ts/lib/delivery-stack.ts:44',
        'pulumi-go/main.go:17',
        'pulumi-ts/index.ts:24',
      ].sort(),
    );
  });

  it('does not count a construct library (no cdk.json or Pulumi.yaml), nor an import alone', async () => {
    const library = join(programs, 'construct-library');
    expect(places(await detectIn(detector('aws-codebuild'), library))).toEqual([]);
  });

  it('reads a buildspec written inline in a CDK program as CodeBuild commands: pushes and deployments from CI', async () => {
    const pushes = places(await detectIn(detector('image-pipeline'), programs)).sort();
    expect(pushes).toEqual(
      [
        'cdk-go/pipeline.go:21',
        'cdk-java/src/main/java/com/acme/platform/PipelineStack.java:22',
        'cdk-ts/lib/delivery-stack.ts:31',
        'pulumi-ts/index.ts:19', // a YAML buildspec in a template literal
      ].sort(),
    );
    const deploys = await detectIn(detector('ci-deploy'), programs);
    // …and in a Terraform heredoc; the install phase's download of kubectl deploys nothing.
    expect(places(deploys).sort()).toEqual(['cdk-ts/lib/delivery-stack.ts:36', 'terraform/codebuild.tf:27']);
    expect(deploys.evidence.find((e) => e.file.startsWith('cdk-ts'))!.detail).toContain('CodeBuild "post_build"');
  });
});
