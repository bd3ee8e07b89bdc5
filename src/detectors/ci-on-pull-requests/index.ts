import { defineDetector } from '../detector.js';
import { buildkiteBranchBuilds } from './buildkite.js';
import { circleciBranchBuilds } from './circleci.js';
import { definition } from './definition.js';
import { githubPullRequestWorkflows } from './github.js';
import { gitlabMergeRequestPipelines } from './gitlab.js';
import { azurePullRequestTriggers, jenkinsPullRequestBuilds, otherPullRequestPipelines, tektonPullRequestRuns } from './others.js';

export const detector = defineDetector(definition, (repo) => [
  ...githubPullRequestWorkflows(repo),
  ...gitlabMergeRequestPipelines(repo),
  ...jenkinsPullRequestBuilds(repo),
  ...azurePullRequestTriggers(repo),
  ...circleciBranchBuilds(repo),
  ...buildkiteBranchBuilds(repo),
  ...otherPullRequestPipelines(repo),
  ...tektonPullRequestRuns(repo),
]);
