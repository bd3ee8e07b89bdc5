import { shortenLongLines } from './long-lines.js';

/**
 * A small Dockerfile reader of only what detectors use: the build stages (each FROM, with its base
 * image and ARG defaults substituted) and, for anyone curious, the instructions with their lines.
 * It replaces a 1,300-line port of dockerfile-ast kept for that library's quirks: what matters
 * here is the FROM lines, and those it reads the way BuildKit does (continuations, the escape
 * directive, heredoc bodies that are not instructions, several ARGs on one line). Linear in its
 * input, never throws; test/parse/dockerfile-reference.ts checks its stages against dockerfile-ast
 * on real Dockerfiles.
 */

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
  /** Upper case: `from` and `FROM` are the same instruction. */
  keyword: string;
  /** The arguments as written, continued lines joined (a heredoc's body follows on its own lines). */
  args: string;
  /** 1-based line of the keyword. */
  line: number;
}

export interface DockerfileInfo {
  stages: DockerfileStage[];
  instructions: DockerInstruction[];
}

/** Heredoc openers of RUN, COPY and ADD: `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` (never `<<<`). */
const HEREDOC = /(?<!<)<<(-?)(["']?)([A-Za-z_][\w.-]*)\2/g;
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

export function parseDockerfile(text: string): DockerfileInfo {
  const { instructions, escape } = readInstructions(shortenLongLines(text));
  const defaults = new Map<string, string>();
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') break; // only ARGs before the first FROM reach FROM lines
    if (instruction.keyword === 'ARG') for (const [name, value] of argDefaults(instruction.args, escape)) defaults.set(name, value);
  }
  return { stages: stagesOf(instructions, (written) => substitute(written, defaults)), instructions };
}

function readInstructions(source: string): { instructions: DockerInstruction[]; escape: string } {
  const lines = (source.charCodeAt(0) === 0xfeff ? source.slice(1) : source).split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop(); // the final newline ends the last line; it starts none
  const escape = escapeDirective(lines);
  const instructions: DockerInstruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!.trimStart();
    if (first === '' || first.startsWith('#')) {
      i++;
      continue;
    }
    const line = i + 1;
    // A line ending in the escape character goes on; blank and comment lines inside are skipped.
    // Parts are joined once at the end, so a file of a million continued lines stays linear.
    const parts = [first];
    while (endsWithEscape(parts[parts.length - 1]!, escape) && i + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1]!.trimEnd().slice(0, -1);
      i++;
      while (i < lines.length && isSkippedInContinuation(lines[i]!)) i++;
      if (i < lines.length) parts.push(lines[i]!);
    }
    // An escape on the file's last line continues into nothing: it is dropped.
    if (endsWithEscape(parts[parts.length - 1]!, escape)) parts[parts.length - 1] = parts[parts.length - 1]!.trimEnd().slice(0, -1);
    const content = parts.join('').trimEnd();
    i++;
    const space = content.search(/\s/);
    const keyword = (space < 0 ? content : content.slice(0, space)).toUpperCase();
    let args = space < 0 ? '' : content.slice(space).trim();
    const trigger = keyword === 'ONBUILD' ? (args.split(/\s/)[0] ?? '').toUpperCase() : keyword;
    if (HEREDOC_INSTRUCTIONS.has(trigger)) {
      // Each heredoc's body runs to its delimiter alone on a line (tabs stripped with <<-), or to
      // the end of the file when it never comes; nothing in a body is an instruction.
      for (const [, dash, , delimiter] of args.matchAll(HEREDOC)) {
        const body: string[] = [];
        while (i < lines.length) {
          const bodyLine = lines[i++]!;
          body.push(bodyLine);
          if ((dash ? bodyLine.replace(/^\t+/, '') : bodyLine) === delimiter) break;
        }
        if (body.length > 0) args += `\n${body.join('\n')}`;
      }
    }
    instructions.push({ keyword, args, line });
  }
  return { instructions, escape };
}

/** `# escape=\`` (or `\`) among the parser directives that may open the file. */
function escapeDirective(lines: readonly string[]): string {
  for (const line of lines) {
    const directive = /^#\s*([A-Za-z]+)\s*=\s*(\S*)\s*$/.exec(line);
    if (!directive) return '\\';
    if (directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) return directive[2];
  }
  return '\\';
}

function endsWithEscape(content: string, escape: string): boolean {
  return content.trimEnd().endsWith(escape);
}

function isSkippedInContinuation(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed === '' || trimmed.startsWith('#');
}

/** `ARG A=1 B="two words" C`: each name with its default ("" when none), quotes removed. */
function argDefaults(args: string, escape: string): [string, string][] {
  const out: [string, string][] = [];
  for (const word of words(args, escape)) {
    const equals = word.indexOf('=');
    const name = equals < 0 ? word : word.slice(0, equals);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    out.push([name, equals < 0 ? '' : unquote(word.slice(equals + 1), escape)]);
  }
  return out;
}

/** Words split at blanks outside quotes; the escape character keeps the next character in the word. */
function words(text: string, escape: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === escape && i + 1 < text.length && quote !== "'") {
      current += c + text[++i];
      inWord = true;
    } else if (quote) {
      current += c;
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      current += c;
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) out.push(current);
  return out;
}

/** Removes the quotes of a value (`"a b"` is `a b`) and resolves escapes outside single quotes. */
function unquote(value: string, escape: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === escape && quote !== "'" && i + 1 < value.length) out += value[++i];
    else if (quote && c === quote) quote = '';
    else if (!quote && (c === '"' || c === "'")) quote = c;
    else out += c;
  }
  return out;
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
