/**
 * The name and value dockerfile-ast gives an ARG (Arg.getProperty()), for the ARGs before the
 * first FROM that resolve base images. Ported function by function from PropertyInstruction and
 * Property so that odd input resolves as it always did; only a few instructions per file come
 * here, so this side keeps the library's string-at-a-time style rather than being tuned.
 *
 * What the library does, in short: `ARG NAME` has no value (null); `ARG A=1` is A and 1;
 * surrounding quotes are removed (`ARG X="a b"` is `a b`), escapes are resolved, and an ARG that
 * splits into more than one argument (`ARG A=1 B=2`) has no property at all: neither A nor B is
 * known to FROM.
 */

const LF = 10;
const CR = 13;

export interface ArgProperty {
  name: string;
  /** null for `ARG NAME` without `=`. */
  value: string | null;
}

interface PropertyArgument {
  value: string;
  start: number;
  end: number;
}

/**
 * Arg's property: the instruction starts at `start`, its keyword ends at `keywordEnd`, and it
 * ends at `end`.
 */
export function initialArgProperty(text: string, escapeChar: string, start: number, keywordEnd: number, end: number): ArgProperty | null {
  // The common `ARG NAME` or `ARG NAME=value` on one line, without quotes, escapes or comments:
  // the library's rules all come down to splitting at the first `=`.
  if (!/[\r\n]/.test(text.slice(start, keywordEnd))) {
    const simple = SIMPLE.exec(text.slice(keywordEnd, end));
    if (simple) {
      const word = simple[1]!;
      const index = word.indexOf('=');
      return index === -1 ? { name: word, value: null } : { name: word.slice(0, index), value: word.slice(index + 1) };
    }
  }
  const args = propertyArguments(text, escapeChar, start, keywordEnd, end);
  return args.length === 1 ? property(text, escapeChar, args[0]!) : null;
}

/** Blanks, one word with none of \\ ` " ' # nor any line end, and blanks. */
const SIMPLE = /^[ \t]+([^\s\\`"'#]+)[ \t]*$/;

/** offsetAt(positionAt(offset)) of vscode-languageserver-textdocument: clamped, and never inside \r\n. */
function position(text: string, offset: number): number {
  if (offset <= 0) return 0;
  if (offset >= text.length) return text.length;
  return text.charCodeAt(offset - 1) === CR && text.charCodeAt(offset) === LF ? offset - 1 : offset;
}

function sameLine(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) return false;
  }
  return true;
}

function isWhitespace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

/** Util.findLeadingNonWhitespace(). */
function findLeadingNonWhitespace(content: string, escapeChar: string): number {
  whitespaceCheck: for (let i = 0; i < content.length; i++) {
    switch (content.charAt(i)) {
      case ' ':
      case '\t':
        continue;
      case escapeChar:
        for (let j = i + 1; j < content.length; j++) {
          switch (content.charAt(j)) {
            case ' ':
            case '\t':
              continue;
            case '\r':
              i = j + 1;
              continue whitespaceCheck;
            case '\n':
              i = j;
              continue whitespaceCheck;
          }
          break;
        }
        // dockerfile-ast: an escape before anything but a newline means "no arguments" (`ARG \$X`).
        return -1;
      default:
        return i;
    }
  }
  return -1;
}

/** PropertyInstruction.findTrailingNonWhitespace(). */
function findTrailingNonWhitespace(content: string, escapeChar: string): number {
  let index = content.length;
  for (let i = content.length - 1; i >= 0; i--) {
    const char = content.charAt(i);
    if (char === ' ' || char === '\t') continue;
    if (char === '\n' || char === '\r') {
      if (char === '\n' && content.charAt(i - 1) === '\r') i = i - 1;
      for (let j = i - 1; j >= 0; j--) {
        const c = content.charAt(j);
        if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === escapeChar) continue;
        index = j;
        break;
      }
      return index;
    }
    return i;
  }
  return index;
}

/** PropertyInstruction.getPropertyArguments(): the words of ENV, LABEL and ARG, quotes kept. */
function propertyArguments(text: string, escapeChar: string, start: number, keywordEnd: number, end: number): PropertyArgument[] {
  const args: PropertyArgument[] = [];
  const instructionStart = position(text, start);
  const nameEnd = position(text, keywordEnd);
  const fullArgs = text.substring(instructionStart, position(text, end)).substring(nameEnd - instructionStart);
  const first = findLeadingNonWhitespace(fullArgs, escapeChar);
  if (first === -1) return args;
  const base = nameEnd + first;
  const argument = (value: string, from: number, to: number): void => {
    args.push({ value, start: position(text, base + from), end: position(text, base + to) });
  };
  let escaped = !sameLine(text, instructionStart, position(text, base));
  let endingEscape = false;
  let mark = -1;
  const last = findTrailingNonWhitespace(fullArgs, escapeChar);
  const content = fullArgs.substring(first, last + 1);
  let argStart = escaped ? -1 : 0;
  let spaced = false;
  const spacedArgument = (): void => {
    if (argStart !== -1) argument(content.substring(argStart, mark), argStart, mark);
  };
  argumentLoop: for (let i = 0; i < content.length; i++) {
    const char = content.charAt(i);
    switch (char) {
      case escapeChar: {
        if (i + 1 === content.length) {
          endingEscape = true;
          break argumentLoop;
        }
        if (!escaped) mark = i;
        switch (content.charAt(i + 1)) {
          case ' ':
          case '\t':
            if (!isWhitespace(content.charAt(i + 2))) {
              i = i + 1;
              continue argumentLoop;
            }
            for (let j = i + 2; j < content.length; j++) {
              const next = content.charAt(j);
              if (next === '\r' || next === '\n') {
                escaped = true;
                i = next === '\r' ? j + 1 : j;
                continue argumentLoop;
              }
              if (next === ' ' || next === '\t') continue;
              argument(content.substring(argStart, i), argStart, i + 2);
              argStart = j;
              break;
            }
            i = argStart - 1;
            continue argumentLoop;
          case '\r':
            escaped = true;
            i = i + 2;
            continue argumentLoop;
          case '\n':
            escaped = true;
            i = i + 1;
            continue argumentLoop;
          case escapeChar:
            if (argStart === -1) argStart = i;
            i = i + 1;
            continue argumentLoop;
          default:
            if (argStart === -1) argStart = i;
            continue argumentLoop;
        }
      }
      case "'":
      case '"': {
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        if (argStart === -1) argStart = i;
        for (let j = i + 1; j < content.length; j++) {
          const next = content.charAt(j);
          if (next === char) {
            if (content.charAt(j + 1) !== ' ' && content.charAt(j + 1) !== '') {
              i = j;
              continue argumentLoop;
            }
            argument(content.substring(argStart, j + 1), argStart, j + 1);
            i = j;
            argStart = -1;
            continue argumentLoop;
          } else if (next === escapeChar) {
            j++;
          }
        }
        break argumentLoop;
      }
      case ' ':
      case '\t':
        if (escaped) {
          if (argStart !== -1) spaced = true;
        } else if (argStart !== -1) {
          argument(content.substring(argStart, i), argStart, i);
          argStart = -1;
        }
        break;
      case '\r':
        i++;
        spaced = false;
        break;
      case '\n':
        spaced = false;
        break;
      case '#':
        if (escaped) {
          for (let j = i + 1; j < content.length; j++) {
            const next = content.charAt(j);
            if (next === '\r' || next === '\n') {
              i = next === '\r' ? j + 1 : j;
              spaced = false;
              continue argumentLoop;
            }
          }
          if (argStart !== -1) {
            argument(content.substring(argStart, mark), argStart, mark);
            argStart = -1;
          }
          break argumentLoop;
        } else if (argStart === -1) {
          argStart = i;
        }
        break;
      default:
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        escaped = false;
        if (argStart === -1) argStart = i;
        if (char === '$' && content.charAt(i + 1) === '{') {
          // A ${...} is one word even with blanks inside quotes or after an escape.
          let singleQuotes = false;
          let doubleQuotes = false;
          let escapedInVariable = false;
          for (let j = i + 1; j < content.length; j++) {
            const next = content.charAt(j);
            switch (next) {
              case escapeChar:
                escapedInVariable = true;
                break;
              case '\r':
              case '\n':
                break;
              case "'":
                singleQuotes = !singleQuotes;
                escapedInVariable = false;
                break;
              case '"':
                doubleQuotes = !doubleQuotes;
                escapedInVariable = false;
                break;
              case ' ':
              case '\t':
                if (escapedInVariable || singleQuotes || doubleQuotes) break;
                i = j - 1;
                continue argumentLoop;
              case '}':
                i = j;
                continue argumentLoop;
              default:
                escapedInVariable = false;
                break;
            }
          }
          break argumentLoop;
        }
        break;
    }
  }
  if (argStart !== -1 && argStart !== content.length) {
    const to = endingEscape ? content.length - 1 : content.length;
    argument(content.substring(argStart, to), argStart, to);
  }
  return args;
}

/** new Property(document, escapeChar, arg): name and value of a single-word ARG. */
function property(text: string, escapeChar: string, arg: PropertyArgument): ArgProperty {
  let nameStart = arg.start;
  let nameEnd = arg.end;
  const index = arg.value.indexOf('=');
  if (index !== -1) {
    const initial = arg.value.charAt(0);
    const before = arg.value.charAt(index - 1);
    // "var"=value and 'var'=value name var; a quote opened before `=` and not closed there does not.
    if ((initial === '"' && before === '"') || (initial === "'" && before === "'") || (initial !== '"' && initial !== "'")) {
      nameStart = arg.start;
      nameEnd = position(text, arg.start + index);
    }
  }
  const name = unescapedValue(text.substring(nameStart, nameEnd), escapeChar);
  if (nameStart === arg.start && nameEnd === arg.end) return { name, value: null };
  const valueStart = position(text, arg.start + index + 1);
  return { name, value: unescapedValue(text.substring(valueStart, arg.end), escapeChar) };
}

/** Property.getValue(): quotes removed, escapes resolved, escaped newlines and comment lines dropped. */
function unescapedValue(written: string, escapeChar: string): string {
  let escaped = false;
  const skip = findLeadingNonWhitespace(written, escapeChar);
  if (skip !== 0 && written.charAt(skip) === '#') escaped = true;
  let value = written.substring(skip);
  const first = value.charAt(0);
  const last = value.charAt(value.length - 1);
  const literal = first === "'" || first === '"';
  const inSingle = first === "'" && last === "'";
  let inDouble = false;
  if (first === '"') {
    for (let i = 1; i < value.length; i++) {
      if (value.charAt(i) === escapeChar) i++;
      else if (value.charAt(i) === '"' && i === value.length - 1) inDouble = true;
    }
  }
  // dockerfile-ast: a lone ' counts as quoted, and substring(1, 0) then keeps it.
  if (inSingle || inDouble) value = value.substring(1, value.length - 1);
  let commentCheck = -1;
  // One code unit per entry: the library takes back blanks with substring() on a growing string,
  // which flattens it each time (quadratic over an ARG of many blank continuation lines).
  const result: string[] = [];
  parseValue: for (let i = 0; i < value.length; i++) {
    let char = value.charAt(i);
    switch (char) {
      case escapeChar: {
        if (i + 1 === value.length) {
          result.push(escapeChar);
          break parseValue;
        }
        char = value.charAt(i + 1);
        if (char === ' ' || char === '\t') {
          whitespaceCheck: for (let j = i + 2; j < value.length; j++) {
            const char2 = value.charAt(j);
            switch (char2) {
              case ' ':
              case '\t':
                break;
              case '\r':
              case '\n':
                escaped = true;
                i = char2 === '\r' ? j + 1 : j;
                continue parseValue;
              default:
                if (!inDouble && !inSingle && !literal) {
                  if (char2 === escapeChar) {
                    result.push(char);
                    i = i + 1;
                  } else {
                    result.push(char, char2);
                    i = j;
                  }
                  continue parseValue;
                }
                break whitespaceCheck;
            }
          }
        }
        if (inDouble) {
          if (char === '\r') {
            escaped = true;
            i = i + 2;
          } else if (char === '\n') {
            escaped = true;
            i++;
          } else if (char !== '"') {
            if (char === escapeChar) i++;
            result.push(escapeChar);
          }
          continue parseValue;
        } else if (inSingle || literal) {
          if (char === '\r') {
            escaped = true;
            i = i + 2;
          } else if (char === '\n') {
            escaped = true;
            i++;
          } else {
            result.push(escapeChar);
          }
          continue parseValue;
        } else if (char === escapeChar) {
          result.push(escapeChar);
          i++;
        } else if (char === '\r') {
          escaped = true;
          i = i + 2;
        } else if (char === '\n') {
          escaped = true;
          i++;
        } else {
          result.push(char);
          i++;
        }
        break;
      }
      case ' ':
      case '\t':
        if (escaped && commentCheck === -1) commentCheck = i;
        result.push(char);
        break;
      case '\r':
      case '\n':
        if (char === '\r') i++;
        if (escaped && commentCheck !== -1) {
          takeBack(result, i - commentCheck - 1);
          commentCheck = -1;
        }
        break;
      case '#':
        if (escaped) {
          if (commentCheck !== -1) {
            takeBack(result, i - commentCheck);
            commentCheck = -1;
          }
          for (let j = i + 1; j < value.length; j++) {
            const next = value.charAt(j);
            if (next === '\r' || next === '\n') {
              i = next === '\r' ? j + 1 : j;
              break;
            }
          }
          continue parseValue;
        }
        result.push(char);
        break;
      default:
        if (escaped) {
          escaped = false;
          commentCheck = -1;
        }
        result.push(char);
        break;
    }
  }
  return result.join('');
}

/** result = result.substring(0, result.length - count), on code units. */
function takeBack(result: string[], count: number): void {
  result.length = Math.min(result.length, Math.max(0, result.length - count));
}
