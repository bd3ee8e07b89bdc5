import { DockerfileParser } from 'dockerfile-ast';
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

/** Parses a Dockerfile with dockerfile-ast and resolves ARG-substituted base images ourselves,
 *  since the library expands only one level (`ARG A=$B` then `FROM $A` is common in real files). */
export function parseDockerfile(text: string): DockerfileInfo {
  const dockerfile = DockerfileParser.parse(shortenLongLines(text));
  const defaults = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property) defaults.set(property.getName(), property.getValue() ?? '');
  }
  const instructions: DockerInstruction[] = [];
  const stages: DockerfileStage[] = [];
  const stageNames = new Set<string>();
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const line = instruction.getRange().start.line + 1;
    const args = instruction.getArgumentsContent() ?? '';
    instructions.push({ keyword, args, line });
    if (keyword !== 'FROM') continue;
    const words = args.split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'));
    const written = words[0] ?? '';
    const name = words[1]?.toLowerCase() === 'as' ? words[2] : undefined;
    const image = substitute(written, defaults);
    const internal = image.toLowerCase() === 'scratch' || stageNames.has(image.toLowerCase());
    stages.push({ written, image, line, internal, ...(name ? { name } : {}) });
    if (name) stageNames.add(name.toLowerCase());
  }
  return { stages, instructions };
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

function substitute(value: string, defaults: Map<string, string>): string {
  let current = value;
  for (let round = 0; round < 10 && current.includes('$'); round++) {
    current = current.replace(VARIABLE, (_all, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const known = defaults.get(name);
      if (known !== undefined && known !== '') return known;
      return fallback ?? '';
    });
  }
  return current.includes('$') ? '' : current;
}
