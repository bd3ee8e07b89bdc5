/**
 * A tool's evidence beyond its component spec: its config files (also inside ConfigMaps), the
 * Dockerfiles built on its image and compose images pinned in `.env`, own use only, one evidence
 * per place. The monitoring, logging and tracing detectors are this plus a few extras each.
 */
import type { FileEvidence } from '../../core/types.js';
import { findComponent, type ComponentSpec, type FindOptions } from './component.js';
import { composeImagesFromEnv } from '../images/compose-env.js';
import { findConfigs, type ConfigFileSpec } from './config-files.js';
import { finalStageBases } from '../images/dockerfile-bases.js';
import { uniquePlaces } from '../files/evidence.js';
import { keepOwnUse } from '../files/own-use.js';
import { pastTemplateLines } from '../k8s/template-lines.js';
import type { Repository } from '../../workspace/repository.js';

/** Extra sources a detector adds to its component spec. */
export interface ToolExtras extends FindOptions {
  configs?: ConfigFileSpec[];
  /** Also look at the final stage of Dockerfiles with the component's image patterns. */
  dockerBases?: boolean;
  more?: (repo: Repository) => FileEvidence[];
  /** Which paths show the repository's own use (default isOwnUse: not docs, examples or tests). */
  ownUse?: (path: string) => boolean;
}

/** The component spec plus configs and Dockerfile bases, without docs/tests/indirect noise, one evidence per place. */
export function detectTool(repo: Repository, spec: ComponentSpec, extras: ToolExtras = {}): FileEvidence[] {
  // The tool's own configuration first: where a place shows twice, it says the most.
  const all = [
    ...(extras.configs ? findConfigs(repo, extras.configs, extras.ownUse) : []),
    ...findComponent(repo, spec, { provisioning: extras.provisioning ?? false }),
    ...(extras.dockerBases && spec.images ? finalStageBases(repo, spec.images) : []),
    ...(spec.images ? composeImagesFromEnv(repo, spec.images) : []),
    ...(extras.more ? extras.more(repo) : []),
  ];
  return uniquePlaces(keepOwnUse(repo, all, extras.ownUse).map((item) => pastTemplateLines(repo, item)));
}
