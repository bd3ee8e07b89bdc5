import { describe, expect, it } from 'vitest';
import { detectIn, detectorById, writeTree } from '../helpers/fixtures.js';


/**
 * A Bitbucket shop as it commits its pipeline: a default pipeline for every branch, pipes (Atlassian's
 * reusable steps) that push to ECR and apply manifests to EKS, their inputs given as `variables:`.
 */
const BITBUCKET = [
  'image: node:20',
  'definitions:',
  '  steps:',
  '    - step: &build',
  '        name: Build and push',
  '        services: [docker]',
  '        script:',
  '          - npm ci && npm test',
  '          - docker build -t shop-web:$BITBUCKET_COMMIT .',
  '          - pipe: atlassian/aws-ecr-push-image:2.4.2',
  '            variables:',
  '              IMAGE_NAME: shop-web',
  '              TAGS: $BITBUCKET_COMMIT',
  'pipelines:',
  '  default:',
  '    - step: *build',
  '  branches:',
  '    main:',
  '      - step: *build',
  '      - step:',
  '          name: Deploy to EKS',
  '          deployment: production',
  '          script:',
  '            - pipe: atlassian/aws-eks-kubectl-run:2.6.0',
  '              variables:',
  '                CLUSTER_NAME: shop-prod',
  '                KUBECTL_COMMAND: apply',
  '                RESOURCE_PATH: k8s/',
  '      - step:',
  '          name: Show pods',
  '          script:',
  '            - pipe: atlassian/aws-eks-kubectl-run:2.6.0',
  '              variables:',
  '                CLUSTER_NAME: shop-prod',
  '                KUBECTL_COMMAND: get pods',
  '',
].join('\n');

describe('Bitbucket Pipelines pipes and default pipeline', () => {
  const root = writeTree({ 'bitbucket-pipelines.yml': BITBUCKET, Dockerfile: 'FROM node:22-alpine\n' });

  it('reads a push pipe as the image pipeline, to the registry its name says', async () => {
    const result = await detectIn(detectorById('image-pipeline'), root);
    expect(result.evidence.map((e) => `${e.file}:${e.line} ${e.detail}`)).toEqual([
      'bitbucket-pipelines.yml:10 pushes image to ECR (Bitbucket pipe atlassian/aws-ecr-push-image)',
    ]);
  });

  it('reads a kubectl pipe that applies as a deploy, not one that only looks', async () => {
    const result = await detectIn(detectorById('ci-deploy'), root);
    expect(result.evidence.map((e) => `${e.file}:${e.line}`)).toEqual(['bitbucket-pipelines.yml:24']);
  });

  it('counts the default pipeline as building pull requests’ branches', async () => {
    const result = await detectIn(detectorById('ci-on-pull-requests'), root);
    expect(result.evidence.map((e) => `${e.file}:${e.line}`)).toEqual(['bitbucket-pipelines.yml:15']);
  });
});
