/**
 * A Dockerfile lexer that reproduces, result for result, what dockerfile-ast 0.7.1 gave
 * parseDockerfile: the instructions (keyword, getArgumentsContent(), first line) and the name and
 * value of each ARG before the first FROM. It replaced the library because a scan parses every
 * Dockerfile of a repository and the library's cost was mostly its generality: Position objects
 * for every offset (each a binary search over line starts), arguments re-split on every getter,
 * and ~230 kB of code to load. Here everything is a string offset and each instruction is split
 * once.
 *
 * The behaviour is the library's, quirks included (marked "dockerfile-ast:" below), because
 * detectors and their tests were written against its output. The equivalence test, the fuzz test
 * and scripts/dockerfile-equivalence.mjs compare the two on fixtures, random text and real files.
 * The functions follow the library's own (Parser.processInstruction, Instruction.getRawArguments,
 * Instruction.getArgumentsRanges…) so that a difference can be traced back to its source.
 *
 * Every loop only moves forward, apart from bounded look-backs to a line start, so the work is
 * linear in the text; nothing recurses.
 */
import type { DockerInstruction } from '../dockerfile.js';
import { initialArgProperty } from './arg-property.js';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const DOLLAR = 36;
const BACKSLASH = 92;
const BACKTICK = 96;

export interface LexedDockerfile {
  instructions: DockerInstruction[];
  /** Name → value of the ARGs before the first FROM, later ones overriding earlier ones; "" for `ARG NAME`. */
  initialArgs: Map<string, string>;
}

/** An argument as Instruction.getRawArguments() splits it: raw range [start, end) and unescaped value. */
interface Arg {
  start: number;
  end: number;
  value: string;
}

interface RawInstruction {
  /** As written, before upper-casing: the keyword can hold escape characters (see instruction()). */
  keyword: string;
  start: number;
  /** End of the keyword: where the arguments are searched from. */
  keywordEnd: number;
  /** End of the instruction (its last line, or the end of its last heredoc). */
  end: number;
  /** Arguments already split while looking for heredocs, when the instruction ends where they were split. */
  args?: Arg[];
}

/** How an instruction's leading `--flags` are dropped from getArguments(), by ModifiableInstruction. */
const enum Flags {
  None,
  /** FROM, RUN, COPY, ADD: flags until the first argument without "--". */
  Dashed,
  /** HEALTHCHECK: flags until CMD or NONE. */
  Healthcheck,
}

/**
 * After an escape character and a blank: the first character past the blanks that follow (from
 * `from`, before `to`), and whether it is a line break, which makes the escape a line
 * continuation. A CR counts as a break and is taken with the character after it, whatever that
 * is (dockerfile-ast's reading). Undefined when only blanks remain.
 */
function afterEscapedBlanks(text: string, from: number, to: number): { at: number; lineBreak: boolean } | undefined {
  for (let j = from; j < to; j++) {
    const d = text.charCodeAt(j);
    if (d === SPACE || d === TAB) continue;
    if (d === CR) return { at: j + 1, lineBreak: true };
    return { at: j, lineBreak: d === LF };
  }
  return undefined;
}

function flagsOf(keyword: string): Flags {
  switch (keyword) {
    case 'FROM':
    case 'RUN':
    case 'COPY':
    case 'ADD':
      return Flags.Dashed;
    case 'HEALTHCHECK':
      return Flags.Healthcheck;
    default:
      return Flags.None;
  }
}

export function lexDockerfile(text: string): LexedDockerfile {
  return new Lexer(text).run();
}

class Lexer {
  private readonly text: string;
  private readonly len: number;
  private esc = BACKSLASH;
  private escChar = '\\';
  private readonly raw: RawInstruction[] = [];
  /**
   * No \r in the text: what the scan's reader gives (it turns \r\n and \r into \n). Line ends
   * are then found with indexOf, which matters for a scan's first parses, before the JIT has
   * compiled the per-character loops. Text with \r takes the character loops throughout.
   */
  private readonly lfOnly: boolean;
  /** Line counting cursor: lines only ever get asked for in increasing offsets. */
  private lineCursor = 0;
  private lineAtCursor = 0;
  /** The last line end found, and where it was searched from: no line end lies between. */
  private lineEndFrom = 0;
  private lineEndAt = -1;
  /** The next blank, line end or escape character: where an argument's word can end. */
  private argumentStop = ARGUMENT_STOP_BACKSLASH;
  /** The next line end or escape character: where a line of arguments can end. */
  private lineStop = LINE_STOP_BACKSLASH;

  constructor(text: string) {
    this.text = text;
    this.len = text.length;
    this.lfOnly = !text.includes('\r');
  }

  run(): LexedDockerfile {
    const { text, len } = this;
    const start = this.readDirectives();
    for (let i = start; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB || c === CR || c === LF) continue;
      i = c === HASH ? this.lineEnd(i + 1) : this.instruction(i);
    }
    const instructions: DockerInstruction[] = [];
    const initialArgs = new Map<string, string>();
    let beforeFrom = true;
    for (const instruction of this.raw) {
      const keyword = instruction.keyword.toUpperCase();
      if (keyword === 'FROM') beforeFrom = false;
      else if (beforeFrom && keyword === 'ARG') {
        const property = initialArgProperty(text, this.escChar, instruction.start, instruction.keywordEnd, instruction.end);
        if (property) initialArgs.set(property.name, property.value ?? '');
      }
      const flags = flagsOf(keyword);
      let content = instruction.args ? undefined : this.simpleArgumentsContent(instruction.keywordEnd, instruction.end, flags);
      if (content === undefined) {
        const args = instruction.args ?? this.rawArguments(instruction.keywordEnd, instruction.end, flags !== Flags.None);
        content = this.argumentsContent(flags === Flags.None ? args : args.slice(flagCount(args, flags)));
      }
      instructions.push({ keyword, args: content, line: this.lineOf(instruction.start) + 1 });
    }
    return { instructions, initialArgs };
  }

  /** Index of the next \r or \n from `from`, or the end of the text. */
  private lineEnd(from: number): number {
    const { text, len } = this;
    if (this.lfOnly) {
      // Asked again and again for the same line (once per escape character on it), so the answer
      // is kept: searching afresh each time would be quadratic on a long line of escapes.
      if (from < this.lineEndFrom || from > this.lineEndAt) {
        const end = text.indexOf('\n', from);
        this.lineEndAt = end === -1 ? len : end;
      }
      this.lineEndFrom = from;
      return this.lineEndAt;
    }
    for (let i = from; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) return i;
    }
    return len;
  }

  /**
   * Parser.getParserDirectives(): `# name=value` lines at the top, up to the first line that is
   * not one. Sets the escape character and returns where instructions start: the line after the
   * directives (the library counts directives, not lines, which comes to the same since each
   * takes one line and they must be consecutive).
   */
  private readDirectives(): number {
    const { text, len } = this;
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let count = 0;
    let escape: string | undefined;
    directiveCheck: for (let i = bom; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) continue;
      if (c !== HASH) break; // a blank line or anything else ends the directives
      let nameStart = -1;
      let nameEnd = -1;
      for (let j = i + 1; j < len; j++) {
        const d = text.charCodeAt(j);
        if (d === SPACE || d === TAB) {
          if (nameStart !== -1 && nameEnd === -1) nameEnd = j;
        } else if (d === CR || d === LF) {
          break directiveCheck;
        } else if (d === 0x3d /* = */) {
          let valueStart = -1;
          let valueEnd = -1;
          if (nameEnd === -1) nameEnd = j;
          let lineEnd = len;
          for (let k = j + 1; k < len; k++) {
            const e = text.charCodeAt(k);
            if (e === CR || e === LF) {
              if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
              lineEnd = k;
              break;
            } else if (e === TAB || e === SPACE) {
              if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
            } else if (valueStart === -1) {
              valueStart = k;
            }
          }
          if (nameStart === -1) break directiveCheck; // `# =x` is a plain comment
          if (valueStart === -1) {
            valueStart = j + 1;
            valueEnd = lineEnd;
          } else if (valueEnd === -1) {
            valueEnd = len;
          }
          count++;
          if (escape === undefined && text.slice(nameStart, nameEnd).toLowerCase() === 'escape') {
            const value = text.slice(valueStart, valueEnd);
            if (value === '\\' || value === '`') escape = value;
          }
          // dockerfile-ast: resumes one character past the value, so a directive followed by
          // spaces ends the directives, and after a lone \r the next line's first character is skipped.
          i = text.charCodeAt(valueEnd) === CR ? valueEnd + 1 : valueEnd;
          continue directiveCheck;
        } else if (nameStart === -1) {
          nameStart = j;
        }
      }
      // A `#` line running to the end of the text without `=`: dockerfile-ast goes on scanning it
      // from its next character, which can only find more of the same (quadratic on `# # # …`),
      // so stopping here gives the same directives.
      break;
    }
    if (escape !== undefined) {
      this.escChar = escape;
      this.esc = escape === '`' ? BACKTICK : BACKSLASH;
      if (escape === '`') {
        this.argumentStop = ARGUMENT_STOP_BACKTICK;
        this.lineStop = LINE_STOP_BACKTICK;
      }
    }
    return count > 0 ? this.lineStartOfLine(count) : bom;
  }

  /** Offset where 0-based line `n` starts (\r\n, \r and \n each end a line), or the text's end. */
  private lineStartOfLine(n: number): number {
    const { text, len } = this;
    let line = 0;
    for (let i = 0; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
        if (++line === n) return i + 1;
      }
    }
    return len;
  }

  /** Index of the first escape character in [from, to), or `to`. */
  private nextEscape(from: number, to: number): number {
    return this.find(this.escChar, from, to);
  }

  /**
   * Index of the first `needle` in [from, to), or `to`. Bounded, because an unbounded indexOf
   * from each instruction of a file without the character would read the rest of the file every
   * time (quadratic); a slice of a string is a view, not a copy.
   */
  private find(needle: string, from: number, to: number): number {
    if (from >= to) return to;
    const at = this.text.slice(from, to).indexOf(needle);
    return at === -1 ? to : from + at;
  }

  /** Index of the first match of `stop` from `from`, or `to` when there is none before it. */
  private stopAt(stop: RegExp, from: number, to: number): number {
    stop.lastIndex = from;
    const match = stop.exec(this.text);
    return match === null || match.index > to ? to : match.index;
  }

  /** 0-based line of `offset`, counting line ends as vscode-languageserver-textdocument does. */
  private lineOf(offset: number): number {
    const { text } = this;
    let line = this.lineAtCursor;
    if (this.lfOnly) {
      for (let i = text.indexOf('\n', this.lineCursor); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    } else {
      for (let i = this.lineCursor; i < offset; i++) {
        const c = text.charCodeAt(i);
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
      }
    }
    this.lineCursor = offset;
    this.lineAtCursor = line;
    return line;
  }

  /** Whether no line ends between offsets a and b (a ≤ b). */
  private sameLine(a: number, b: number): boolean {
    const { text } = this;
    if (this.lfOnly) {
      const end = text.indexOf('\n', a);
      return end === -1 || end >= b;
    }
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) return false;
    }
    return true;
  }

  /**
   * An offset as it comes back from document.offsetAt(document.positionAt(offset)): clamped to
   * the text, and moved before the \r when it falls inside a \r\n.
   */
  private position(offset: number): number {
    const { text, len } = this;
    if (offset <= 0) return 0;
    if (offset >= len) return len;
    return text.charCodeAt(offset - 1) === CR && text.charCodeAt(offset) === LF ? offset - 1 : offset;
  }

  /** Parser.processInstruction(): reads the keyword from `start`, then its arguments. */
  private instruction(start: number): number {
    const { text, len, esc } = this;
    // The keyword is a subsequence of the text's characters: kept as the text before `runStart`
    // plus the run [runStart, runEnd), so that it costs a slice per escape rather than a
    // concatenation per character.
    let keyword = '';
    let runStart = start;
    let runEnd = start + 1;
    const add = (i: number): void => {
      if (i === runEnd) {
        runEnd++;
      } else {
        keyword += text.slice(runStart, runEnd);
        runStart = i;
        runEnd = i + 1;
      }
    };
    const push = (keywordEnd: number, end: number, args?: Arg[]): void => {
      const instruction: RawInstruction = { keyword: keyword + text.slice(runStart, runEnd), start, keywordEnd, end };
      if (args) instruction.args = args;
      this.raw.push(instruction);
    };
    let keywordEnd = -1;
    let escaped = false;
    instructionCheck: for (let i = start + 1; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === esc) {
        escaped = true;
        const next = i + 1 < len ? text.charCodeAt(i + 1) : -1;
        if (next === CR || next === LF) {
          if (keywordEnd === -1) keywordEnd = i;
          i++;
        } else if (next === SPACE || next === TAB) {
          for (let j = i + 2; j < len; j++) {
            const d = text.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === LF) {
              i = j;
              continue instructionCheck;
            }
            // dockerfile-ast: an escaped space ends the keyword with the escape character in it ("RUN\").
            keywordEnd = i + 1;
            add(i);
            i = j - 2;
            continue instructionCheck;
          }
          keywordEnd = i + 1;
          add(i);
          break instructionCheck;
        } else {
          // dockerfile-ast: an escape inside the keyword is kept as part of it ("R\UN").
          keywordEnd = i + 1;
          add(i);
          escaped = false;
        }
        continue;
      }
      switch (c) {
        case SPACE:
        case TAB: {
          if (escaped) {
            // After an escaped newline, a line of blanks only continues the keyword.
            for (let j = i + 1; j < len; j++) {
              const d = text.charCodeAt(j);
              if (d === SPACE || d === TAB) continue;
              if (d === CR || d === LF) {
                i = j;
                continue instructionCheck;
              }
              break;
            }
            escaped = false;
          }
          if (keywordEnd === -1) keywordEnd = i;
          const upper = (keyword + text.slice(runStart, runEnd)).toUpperCase();
          const { end, args } = this.argumentsEnd(upper, keywordEnd, i);
          push(keywordEnd, end, args);
          return end;
        }
        case CR:
        case LF:
          if (escaped) continue;
          push(i, i);
          return i;
        case HASH:
          // dockerfile-ast: a `#` right after an escaped newline is dropped from the keyword.
          if (escaped) continue;
        // falls through
        default:
          // dockerfile-ast: an escaped newline inside a keyword joins its halves ("RU\⏎N" is RUN).
          keywordEnd = i + 1;
          add(i);
          escaped = false;
      }
    }
    push(keywordEnd === -1 ? len : keywordEnd, len);
    return len;
  }

  /**
   * Parser.processArguments(): the end of the instruction whose arguments start after `offset`,
   * following escaped newlines (with blank and comment lines between them) and heredocs.
   */
  private argumentsEnd(keyword: string, keywordEnd: number, offset: number): { end: number; args?: Arg[] } {
    const { text, len, esc } = this;
    let escaped = false;
    argumentsCheck: for (let i = offset + 1; i < len; i++) {
      if (!escaped && this.lfOnly) {
        // Up to the next newline or escape character, nothing can change the state.
        i = this.nextEscape(i, this.lineEnd(i));
        if (i === len) break;
      }
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) {
        if (escaped) continue;
        return this.heredocsEnd(keyword, keywordEnd, i);
      }
      if (c === esc) {
        const next = i + 1 < len ? text.charCodeAt(i + 1) : -1;
        if (next === LF || next === CR) {
          escaped = true;
          i++;
        } else if (next === SPACE || next === TAB) {
          for (let j = i + 2; j < len; j++) {
            const d = text.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === LF) escaped = true;
            // dockerfile-ast: resumes after j, so the first character after `\ ` is not looked at.
            i = j;
            continue argumentsCheck;
          }
          return { end: len };
        }
        // dockerfile-ast: any other escaped character is looked at again on the next round, so
        // `\\` at the end of a line continues the instruction.
        continue;
      }
      if (c === HASH) {
        if (escaped) i = this.lineEnd(i + 1);
      } else if (c !== SPACE && c !== TAB) {
        escaped = false;
      }
    }
    return { end: len };
  }

  /**
   * Parser.processHeredocs(): for ADD, COPY and RUN (also behind ONBUILD), skips the bodies of the
   * heredocs the first line opens. `lineEnd` is the newline that ends that first line.
   */
  private heredocsEnd(keyword: string, keywordEnd: number, lineEnd: number): { end: number; args?: Arg[] } {
    let argsFrom = keywordEnd;
    let upper = keyword;
    if (upper === 'ONBUILD') {
      const onbuild = this.rawArguments(keywordEnd, lineEnd, false);
      const trigger = onbuild[0];
      if (!trigger) return { end: lineEnd };
      // The trigger keyword is the first argument as written (escapes and all).
      upper = this.text.substring(this.position(trigger.start), this.position(trigger.end)).toUpperCase();
      argsFrom = trigger.end;
    }
    if (upper !== 'ADD' && upper !== 'COPY' && upper !== 'RUN') return { end: lineEnd };
    // Every character of a value is one of the text's, so without `<` no value starts with `<<`.
    if (this.find('<', argsFrom, lineEnd) >= lineEnd) return { end: lineEnd };
    let args: Arg[];
    if (this.lfOnly && this.nextEscape(argsFrom, lineEnd) >= lineEnd) {
      // One line without escapes: the arguments are its words as written.
      args = this.words(argsFrom, lineEnd);
    } else {
      args = this.rawArguments(argsFrom, lineEnd, true);
    }
    const kept = args.slice(flagCount(args, Flags.Dashed));
    const names: string[] = [];
    let tabbed = false;
    for (const arg of kept) {
      const value = arg.value;
      if (value.length > 2 && value.startsWith('<<')) {
        // dockerfile-ast: one `<<-` makes every heredoc of the instruction strip leading tabs.
        if (value.startsWith('<<-')) tabbed = true;
        const name = heredocName(value);
        if (name !== null) names.push(name);
      }
    }
    let end = lineEnd;
    for (const name of names) end = this.heredocEnd(name, end, tabbed);
    // Without heredocs the instruction ends here, and its own arguments are the ones just split.
    return keyword === upper && end === lineEnd ? { end, args } : { end };
  }

  /** Parser.parseHeredoc(): the newline after the line that is exactly `name` (after tabs, for <<-). */
  private heredocEnd(name: string, from: number, tabbed: boolean): number {
    const { text, len } = this;
    if (this.lfOnly) {
      // Line by line: `from` is a newline, and so is every line end (the last line, without
      // one, is never the delimiter).
      for (let i = from; i < len; ) {
        const lineEnd = this.lineEnd(i + 1);
        if (lineEnd === len) break;
        let first = i + 1;
        if (tabbed) while (text.charCodeAt(first) === TAB) first++;
        const c = text.charCodeAt(first);
        // dockerfile-ast: an empty line never ends a heredoc, not even one named "" (<<'').
        if (first < lineEnd && c !== SPACE && c !== TAB && lineEnd - first === name.length && text.startsWith(name, first)) return lineEnd;
        i = lineEnd;
      }
      return len;
    }
    let wordStart = -1;
    let lineStart = true;
    for (let i = from; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        lineStart = false;
      } else if (c === TAB) {
        if (!tabbed) lineStart = false;
      } else if (c === CR || c === LF) {
        if (wordStart !== -1 && i - wordStart === name.length && text.startsWith(name, wordStart)) return i;
        wordStart = -1;
        lineStart = true;
      } else if (lineStart) {
        wordStart = i;
        lineStart = false;
      }
    }
    return len;
  }

  /** The blank-separated words of [from, to), a stretch of one line without escape characters. */
  private words(from: number, to: number): Arg[] {
    const { text } = this;
    const words: Arg[] = [];
    for (let i = from; i < to; ) {
      if (isBlank(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const end = this.stopAt(this.argumentStop, i, to);
      words.push({ start: i, end, value: text.slice(i, end) });
      i = end;
    }
    return words;
  }

  /**
   * getArgumentsContent() of an instruction whose arguments [from, to) are one line without
   * escape characters, where getRawArguments() comes down to splitting words on blanks; undefined
   * for any other instruction.
   */
  private simpleArgumentsContent(from: number, to: number, flags: Flags): string | undefined {
    if (!this.lfOnly || this.lineEnd(from) < to || this.nextEscape(from, to) < to) return undefined;
    const { text } = this;
    let first = from;
    if (flags === Flags.None) {
      while (first < to && isBlank(text.charCodeAt(first))) first++;
    } else {
      const words = this.words(from, to);
      const kept = words[flagCount(words, flags)];
      first = kept ? kept.start : to;
    }
    if (first >= to) return '';
    let last = to;
    while (isBlank(text.charCodeAt(last - 1))) last--;
    return text.slice(first, last);
  }

  /**
   * Instruction.getRawArguments() over the text in [from, to): whitespace-separated words with
   * escaped newlines, and comment lines inside them, removed. Values are built only when asked for.
   */
  private rawArguments(from: number, to: number, withValues: boolean): Arg[] {
    const { text, esc } = this;
    const args: Arg[] = [];
    if (from >= to) return args;
    let start = false;
    let comment = false;
    let found = -1;
    let escapedWhitespace = false;
    let escaping = false;
    let escapeMarker = -1;
    // The value being built: `value` plus the run of text [runStart, runEnd).
    let value = '';
    let runStart = 0;
    let runEnd = 0;
    const add = (i: number): void => {
      if (!withValues) return;
      if (i === runEnd) {
        runEnd++;
      } else {
        value += text.slice(runStart, runEnd);
        runStart = i;
        runEnd = i + 1;
      }
    };
    const push = (end: number): void => {
      // dockerfile-ast: an argument can be pushed with no start (an escaped blank, then a blank
      // line); its range then starts at offset -1, the keyword's last character.
      args.push({ start: found === -1 ? from - 1 : found, end, value: withValues ? value + text.slice(runStart, runEnd) : '' });
      value = '';
      runStart = runEnd = 0;
      found = -1;
    };
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB || c === CR || c === LF) {
        if (escaping) {
          escapedWhitespace = true;
          if (c === CR || c === LF) {
            escapedWhitespace = false;
            if (comment) {
              comment = false;
              start = true;
            }
          }
          continue;
        } else if (found !== -1) {
          push(escapeMarker === -1 ? i : escapeMarker);
          escapeMarker = -1;
        }
      } else if (c === esc) {
        const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
        if (next === SPACE || next === TAB) {
          const after = afterEscapedBlanks(text, i + 2, to);
          if (after?.lineBreak) {
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = after.at;
          } else if (after) {
            // dockerfile-ast: `\ ` before more text ends the argument at the escape ("a\ b" is two).
            escapeMarker = i;
            if (found === -1) i = after.at - 1;
          }
        } else if (next === CR || next === LF) {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1 && escapeMarker === -1) escapeMarker = i;
          // dockerfile-ast: skips two characters after \r, whether or not an \n follows.
          i += next === CR ? 2 : 1;
        } else {
          if (escapedWhitespace && escapeMarker !== -1) {
            push(escapeMarker);
          }
          escapeMarker = -1;
          escapedWhitespace = false;
          escaping = false;
          if (next === -1) break;
          // dockerfile-ast: the escape character is kept before `$` only.
          if (next === DOLLAR) add(i);
          add(i + 1);
          if (found === -1) found = i;
          i++;
        }
      } else if (!comment) {
        if (start && c === HASH) {
          comment = true;
        } else {
          if (escapedWhitespace && escapeMarker !== -1) {
            push(escapeMarker);
          }
          escapedWhitespace = false;
          escaping = false;
          escapeMarker = -1;
          add(i);
          if (found === -1) found = i;
          // The characters up to the next blank, line end or escape only extend the argument.
          const stop = this.stopAt(this.argumentStop, i + 1, to);
          if (withValues && stop > i + 1) runEnd = stop;
          i = stop - 1;
        }
        start = false;
      }
    }
    if (found !== -1) push(escapeMarker === -1 ? to : escapeMarker);
    return args;
  }

  /**
   * Instruction.getArgumentsContent(): the text from the first argument to the last, where an
   * instruction spans lines, without the escaped newlines and comment lines: each continued line
   * from its start (indentation kept) to its last non-blank character before the escape.
   */
  private argumentsContent(args: Arg[]): string {
    const first = args[0];
    if (!first) return '';
    const { text, esc } = this;
    const from = this.position(first.start);
    const to = this.position(args[args.length - 1]!.end);
    if (this.sameLine(from, to)) return text.substring(from, to);
    // Instruction.getArgumentsRanges(); `start` -1 is its null startPosition.
    let content = '';
    let start = from;
    let end = from - 1;
    let comment = false;
    const range = (a: number, b: number): void => {
      content += text.substring(this.position(a), this.position(b));
    };
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === esc) {
        const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
        if (next === SPACE || next === TAB) {
          const after = afterEscapedBlanks(text, i + 2, to);
          if (after?.lineBreak) {
            if (start !== -1) range(start, end + 1);
            start = -1;
            comment = false;
            i = after.at;
          }
        } else if (next === CR) {
          if (start !== -1) {
            range(start, end + 1);
            start = -1;
          }
          comment = false;
          i += 2;
        } else if (next === LF) {
          if (start !== -1) range(start, end + 1);
          start = -1;
          comment = false;
          i++;
        } else {
          // dockerfile-ast: the escaped character is not looked at, and not counted as the line's end.
          i++;
        }
      } else if (c === CR || c === LF) {
        if (comment) {
          start = -1;
          comment = false;
        }
      } else if (comment) {
        i = this.stopAt(this.lineStop, i + 1, to) - 1;
      } else {
        if (start === -1) {
          if (c === HASH) {
            comment = true;
            continue;
          }
          // dockerfile-ast: a character in column 0 does not open the line's range; the next one
          // does, from column 0. A one-character line then continued is therefore left out.
          const lineStart = this.lineStartOf(i);
          if (lineStart !== i) start = lineStart;
        }
        end = i;
        // Up to the next line end or escape, characters only move the end of the line's range.
        if (start !== -1) {
          end = this.stopAt(this.lineStop, i + 1, to) - 1;
          i = end;
        }
      }
    }
    if (start === -1) range(end, end + 1);
    else range(start, end + 1);
    return content;
  }

  /** Offset of the start of the line holding `offset`. */
  private lineStartOf(offset: number): number {
    const { text } = this;
    if (this.lfOnly) return offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    let i = offset;
    while (i > 0) {
      const c = text.charCodeAt(i - 1);
      if (c === LF || c === CR) break;
      i--;
    }
    return i;
  }
}

const ARGUMENT_STOP_BACKSLASH = /[ \t\n\r\\]/g;
const ARGUMENT_STOP_BACKTICK = /[ \t\n\r`]/g;
const LINE_STOP_BACKSLASH = /[\n\r\\]/g;
const LINE_STOP_BACKTICK = /[\n\r`]/g;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** ModifiableInstruction.getFlags(): how many of the leading arguments are flags. */
function flagCount(args: Arg[], flags: Flags): number {
  let count = 0;
  for (const { value } of args) {
    if (flags === Flags.Dashed ? !value.includes('--') : flags === Flags.Healthcheck && isHealthcheckSubcommand(value)) break;
    // dockerfile-ast: counts `--x` flags, but getArguments() then drops that many arguments from the
    // front; RUN a--b --x c drops "a--b", not "--x" (a word containing "--" does not stop the search).
    if (value.startsWith('--')) count++;
  }
  return count;
}

function isHealthcheckSubcommand(value: string): boolean {
  const upper = value.toUpperCase();
  return upper === 'CMD' || upper === 'NONE';
}

/** Util.parseHeredocName(), substring quirks and all (`<<"` names the heredoc `"`). */
function heredocName(written: string): string | null {
  let value = written.substring(2);
  if (value.charAt(0) === '-') value = value.substring(1);
  if (value.charAt(0) === '"') {
    if (value.charAt(value.length - 1) !== '"') return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === "'") {
    if (value.charAt(value.length - 1) !== "'") return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === '<') return null;
  return value;
}
