import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'ci-on-pull-requests',
  name: 'CI runs on pull requests',
  kind: 'practice',
  description:
    'A pipeline that runs for proposed changes before they merge: GitHub workflows triggered by pull_request or pull_request_target; GitLab workflow rules, job rules or `only` for merge requests (or the MergeRequest-Pipelines template); Jenkins multibranch pull-request builds (changeRequest(), CHANGE_ID, multibranchPipelineJob, GitHub PR builder); Azure Pipelines `pr:` triggers, and pipelines with no `pr:` key (Azure Pipelines validates pull requests of GitHub and Bitbucket Cloud repositories by default; templates included by another pipeline do not count); Bitbucket `pull-requests:` pipelines and `default:` pipelines (run for every pushed branch); Drone pull_request triggers, and Drone pipelines with no event filter (they run for every event); Woodpecker `when: event: pull_request` (workflow or step); Tekton Pipelines-as-Code runs on pull_request. CircleCI builds every pushed branch by default, pull-request branches included, so a CircleCI workflow counts unless all its jobs are filtered to fixed branches or tags, scheduled, or guarded by `when`/`unless`. Buildkite pipelines count when a step is held to pull requests (`if: build.pull_request.id != null`) or to branches other than the default one (`if: build.branch != pipeline.default_branch`, `branches: "!main"`); without such a filter, whether Buildkite builds pull requests is a pipeline setting kept outside the repository.',
  remediation:
    'Run the test and build jobs on every pull request (GitHub `on: pull_request`, GitLab `rules: - if: $CI_PIPELINE_SOURCE == "merge_request_event"`, Jenkins multibranch with pull-request discovery) and make the checks required before merging.',
} satisfies DetectorDefinition;
