import type { Repository } from '../../workspace/repository.js';

/** The project file of a Pulumi project or of an AWS CDK app: infrastructure programs live beside it. */
const PROJECT_FILE = /(^|\/)(Pulumi\.ya?ml|cdk\.json)$/;
const NOTHING = /(?!)/;

/**
 * Source files (of the extensions `code` matches) that can be infrastructure programs: those in the
 * folder of a Pulumi project or a CDK app, or below it. Reading every source file of a repository
 * for a `new eks.Cluster(` costs as much as the rest of the scan together; a program without its
 * project file cannot be deployed anyway.
 */
export function infraProgramFiles(repo: Repository, code: RegExp): RegExp {
  return repo.memo(`infra-programs:${code.source}`, () => {
    const folders = new Set(repo.filesMatching(PROJECT_FILE).map((f) => f.path.slice(0, f.path.lastIndexOf('/') + 1)));
    if (folders.size === 0) return NOTHING;
    const prefixes = [...folders].map((folder) => folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^(?:${prefixes.join('|')}).*${code.source.replace(/^\^/, '')}`, code.flags);
  });
}
