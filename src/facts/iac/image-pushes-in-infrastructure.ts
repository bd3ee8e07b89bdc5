/**
 * Image builds that infrastructure code defines: a CodeBuild project whose inline buildspec runs
 * `docker push`, written in a CDK app, a Pulumi program, a CloudFormation template or Terraform.
 * The pipeline is then part of the infrastructure, not a CI file the CI facts read
 * (aws-samples/amazon-eks-cdk-blue-green-cicd: a CDK app builds its Flask service's image and
 * deploys it to the EKS cluster it declares). The repository kind reads it: those images are
 * the repository's services, not helper images of a platform.
 */
import type { FileEvidence } from '../../core/types.js';
import type { Repository } from '../../workspace/repository.js';
import { memoKey } from '../../workspace/memo-key.js';
import { TERRAFORM_FILE, isSamplePath } from '../files/paths.js';
import { cfnTemplates } from './cloudformation.js';
import { infraProgramFiles } from './infra-programs.js';

const PUSHES_IN_INFRASTRUCTURE = memoKey<FileEvidence[]>('imagePushesInInfrastructure');

const PROGRAM_FILE = /\.(ts|js|mjs|py|go|cs|java|kt)$/;
/** `docker push $ECR_REPO_URI:$TAG`, `podman push`, `buildah push`, `docker buildx build … --push`. */
const PUSH = /\b(docker|podman|buildah)\s+push\s|\bdocker\s+buildx\s+build\b[^'"\n]*\s--push\b/;

export function imagePushesInInfrastructure(repo: Repository): FileEvidence[] {
  return repo.memo(PUSHES_IN_INFRASTRUCTURE, () => {
    const files = new Set([
      ...repo.filesMatching(infraProgramFiles(repo, PROGRAM_FILE)).map((f) => f.path),
      ...cfnTemplates(repo).map((t) => t.file),
      ...repo.filesMatching(TERRAFORM_FILE).map((f) => f.path),
    ]);
    const out: FileEvidence[] = [];
    for (const file of files) {
      if (isSamplePath(file) || /(^|\/)(node_modules|cdk\.out)\//.test(file)) continue;
      const text = repo.text(file);
      const match = text === undefined ? null : PUSH.exec(text);
      if (!match) continue;
      out.push({ file, line: text!.slice(0, match.index).split('\n').length, detail: `infrastructure code defines a build that runs \`${match[0].trim()}\`` });
    }
    return out;
  });
}
