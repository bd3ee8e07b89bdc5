import { lexDockerfile } from './dockerfile/lexer.js';
import { shortenLongLines } from './long-lines.js';

export interface DockerfileStage {
  /** The FROM argument as written ("${BASE_IMAGE}", "golang:1.22-alpine"). */
  written: string;
  /** With build ARGs substituted from their defaults, as deep as they nest; "" when unresolvable. */
  image: string;
  /** `AS name`, if any. */
  name?: string;
  /** 1-based. */
  line: number;
  /** True when FROM names an earlier stage of the same file, or `scratch`: not an image to judge. */
  internal: boolean;
}

export interface DockerInstruction {
  keyword: string;
  args: string;
  /** 1-based. */
  line: number;
}

export interface DockerfileInfo {
  stages: DockerfileStage[];
  instructions: DockerInstruction[];
}

/** Parses a Dockerfile (see dockerfile/lexer.ts) and resolves ARG-substituted base images, as deep
 *  as the defaults nest (`ARG A=$B` then `FROM $A` is common in real files). */
export function parseDockerfile(text: string): DockerfileInfo {
  const { instructions, initialArgs: defaults } = lexDockerfile(shortenLongLines(text));
  return { stages: stagesOf(instructions, (written) => substitute(written, defaults)), instructions };
}

/**
 * The build stages of a Dockerfile's instructions: each FROM with its image as written, as
 * `resolve` substitutes its ARG defaults, and whether it names scratch or an earlier stage.
 */
export function stagesOf(instructions: readonly DockerInstruction[], resolve: (written: string) => string): DockerfileStage[] {
  const stages: DockerfileStage[] = [];
  const stageNames = new Set<string>();
  for (const { keyword, args, line } of instructions) {
    if (keyword !== 'FROM') continue;
    const words = args.split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'));
    const written = words[0] ?? '';
    const name = words[1]?.toLowerCase() === 'as' ? words[2] : undefined;
    const image = resolve(written);
    const internal = image.toLowerCase() === 'scratch' || stageNames.has(image.toLowerCase());
    stages.push({ written, image, line, internal, ...(name ? { name } : {}) });
    if (name) stageNames.add(name.toLowerCase());
  }
  return stages;
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Past this length a substitution is given up as unresolvable: defaults that refer to themselves
 * more than once (`ARG A=$A$A$A`) grow exponentially over the rounds, and without a limit a
 * 30-byte Dockerfile ran the process out of memory. No image reference comes near it.
 */
const MAX_SUBSTITUTED_LENGTH = 1 << 20;

function substitute(value: string, defaults: Map<string, string>): string {
  let current = value;
  for (let round = 0; round < 10 && current.includes('$'); round++) {
    let length = current.length;
    current = current.replace(VARIABLE, (all: string, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      if (length > MAX_SUBSTITUTED_LENGTH) return '';
      const name = braced ?? bare ?? '';
      const known = defaults.get(name);
      const replacement = known !== undefined && known !== '' ? known : (fallback ?? '');
      length += replacement.length - all.length;
      return replacement;
    });
    if (length > MAX_SUBSTITUTED_LENGTH) return '';
  }
  return current.includes('$') ? '' : current;
}
