import type { CiSystem } from '../files/paths.js';

/** What the CI facts hold (src/facts/ci/ci.ts reads them): commands, reusable steps, pipeline files. */

/** Where a command runs: a CI system's pipeline, or a script/Makefile a person or a pipeline runs. */
export type CommandOrigin = CiSystem | 'script' | 'makefile' | 'taskfile';

/** One command line, as written in a pipeline step or a script. Comments are never commands. */
export interface Command {
  text: string;
  file: string;
  line: number;
  origin: CommandOrigin;
  /** The CI job (or Tekton Task / Makefile target) it belongs to, when known. */
  job?: string;
}

/** A reusable unit a pipeline calls by name: a GitHub action, a CircleCI orb or orb job, a GitLab include, an Azure task, a Bitbucket pipe. */
export interface CiUse {
  /** "aquasecurity/trivy-action@0.20.0", "circleci/aws-ecr@9.0", "Docker@2"… */
  ref: string;
  file: string;
  line: number;
  origin: CiSystem;
  job?: string;
  /** The step's `with:` / parameters, when present. */
  with?: Record<string, unknown>;
  /** The step's own `env:` (GitHub Actions), when present: the credentials it is handed say what it does. */
  env?: Record<string, unknown>;
}

export interface CiFacts {
  commands: Command[];
  uses: CiUse[];
  /** Files that define a pipeline, by CI system. */
  pipelines: { file: string; origin: CiSystem; line: number }[];
}
