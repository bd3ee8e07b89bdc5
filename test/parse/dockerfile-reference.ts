import { DockerfileParser } from 'dockerfile-ast';
import { stagesOf, type DockerfileInfo, type DockerInstruction } from '../../src/parse/dockerfile.js';
import { shortenLongLines } from '../../src/parse/long-lines.js';

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
  const instructions: DockerInstruction[] = dockerfile.getInstructions().map((instruction) => ({
    keyword: instruction.getKeyword().toUpperCase(),
    args: instruction.getArgumentsContent() ?? '',
    line: instruction.getRange().start.line + 1,
  }));
  // What is compared is the lexing: the stages are derived the same way on both sides.
  return { stages: stagesOf(instructions, (written) => substitute(written, defaults)), instructions };
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
