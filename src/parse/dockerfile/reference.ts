import { DockerfileParser } from 'dockerfile-ast';
import type { DockerfileInfo, DockerfileStage, DockerInstruction } from '../dockerfile.js';
import { shortenLongLines } from '../long-lines.js';

/**
 * The dockerfile-ast implementation parseDockerfile used before the hand-written lexer, kept
 * unchanged as the reference the equivalence tests, scripts/dockerfile-equivalence.mjs and
 * bench/dockerfile.mjs compare against. Nothing in the scan imports it.
 */
export function parseDockerfileReference(text: string): DockerfileInfo {
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

/** Unchanged too, so without the length limit parseDockerfile now has (`ARG A=$A$A$A…` exhausts memory). */
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

/** The defaults parseDockerfileReference substitutes into FROM, for comparing ARG handling directly. */
export function initialArgsReference(text: string): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const arg of DockerfileParser.parse(shortenLongLines(text)).getInitialARGs()) {
    const property = arg.getProperty();
    if (property) defaults.set(property.getName(), property.getValue() ?? '');
  }
  return defaults;
}
