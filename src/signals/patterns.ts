/**
 * The patterns of a signal file, compiled once into RegExps that run in linear time on the
 * strings they are given. A signal file is data: its patterns are globs, command words and, for
 * what globs cannot say, regular expressions checked here so that none can backtrack
 * catastrophically (no nested quantifiers, no back-references, no lookaround).
 */

/** Why a pattern cannot be used, said as the fix; undefined when it is fine. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'an empty pattern matches everything: write the name, a glob such as "acme/*", or remove it';
  if (pattern.length > 300) return 'a pattern is at most 300 characters: shorten it';
  if (!isRegexForm(pattern)) return undefined;
  const body = pattern.slice(1, pattern.lastIndexOf('/'));
  try {
    new RegExp(body, flagsOf(pattern));
  } catch (error) {
    return `not a valid regular expression (${(error as Error).message}): fix it, or use a glob such as "acme/*"`;
  }
  if (/\\[1-9]|\\k</.test(body)) return 'back-references can take exponential time: use a glob or a regular expression without \\1';
  if (/\(\?<?[=!]/.test(body)) return 'lookaround is not allowed in signal patterns: use a glob, or a plain regular expression';
  if (hasNestedQuantifier(body)) return 'a quantified group that itself holds a quantifier ((a+)+, (\\w*\\s?)*) can backtrack catastrophically: quantify the characters, not the group';
  return undefined;
}

/** "/…/" or "/…/i": a regular expression; anything else is a glob. */
export function isRegexForm(pattern: string): boolean {
  return /^\/.+\/i?$/s.test(pattern) && pattern.length > 2;
}

function flagsOf(pattern: string): string {
  return pattern.endsWith('/i') ? 'i' : '';
}

/** Star height above one: a quantifier applied to a group that contains a quantifier. */
function hasNestedQuantifier(body: string): boolean {
  const stack: boolean[] = [];
  let inClass = false;
  let lastGroupQuantified = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      lastGroupQuantified = stack.pop() ?? false;
      const next = body[i + 1];
      if (next === '*' || next === '+' || next === '?' || next === '{') {
        if (lastGroupQuantified && next !== '?') return true;
        lastGroupQuantified = false;
      }
      // A group containing a quantifier makes its parent contain one too.
      if (lastGroupQuantified && stack.length > 0) stack[stack.length - 1] = true;
    } else if (c === '*' || c === '+' || c === '{' || (c === '?' && body[i - 1] !== '(')) {
      if (stack.length > 0) stack[stack.length - 1] = true;
    }
  }
  return false;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A glob over a name: `*` any run of characters but `/`, `**` any run, `?` one character, `{a,b}`
 * either word. Matched whole, case-insensitively when `ignoreCase`.
 */
export function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{' && glob.indexOf('}', i) > i) {
      const end = glob.indexOf('}', i);
      out += `(?:${glob.slice(i + 1, end).split(',').map(escape).join('|')})`;
      i = end;
    } else out += escape(c);
  }
  return out;
}

/** A name pattern: a glob matched whole, or a checked regular expression as written. */
export function namePattern(pattern: string, options: { tail?: boolean; ignoreCase?: boolean } = {}): RegExp {
  if (isRegexForm(pattern)) return new RegExp(pattern.slice(1, pattern.lastIndexOf('/')), flagsOf(pattern));
  // `tail`: "grafana/agent" also matches "mirror.acme.io/grafana/agent" (a registry or mirror in front).
  return new RegExp(`${options.tail ? '(?:^|/)' : '^'}${globSource(pattern)}$`, options.ignoreCase ? 'i' : '');
}

/**
 * Command words: "shipit deploy" matches a command line in which `shipit` starts a command (or
 * follows a path, `./bin/shipit`, or is a Makefile or shell variable named after it, `$(SHIPIT)`,
 * `${SHIPIT_BIN}`) and `deploy` comes next, whatever the spacing; `*` stands for one word. A
 * regular expression form is taken as written.
 */
/**
 * Options between two command words: `-p dir`, `--policy=dir`, `--debug`. A value is one word that
 * does not start another option or a shell operator; the pattern is ours, so its lookahead is safe.
 */
const OPTIONS = String.raw`(?:\s+--?[A-Za-z][\w-]*(?:=\S*|\s+(?![-|;&])\S+)?)*`;

export function commandPattern(pattern: string): RegExp {
  if (isRegexForm(pattern)) return new RegExp(pattern.slice(1, pattern.lastIndexOf('/')), flagsOf(pattern));
  const words = pattern.trim().split(/\s+/).map((word) => (word === '*' ? '\\S+' : globSource(word).replace(/\[\^\/\]\*/g, '\\S*')));
  const program = pattern.trim().split(/\s+/)[0]!;
  // `$(KIND)`, `${KIND_BIN}`: a Makefile or script that lets the program's path be overridden.
  if (/^[a-z][\w-]*$/i.test(program)) words[0] = `(?:${words[0]}|\\$[({]${program.toUpperCase().replace(/-/g, '_')}(?:_[A-Z]+)?[)}])`;
  // Options may stand between the words (`conftest -p policies test -`, `helm --debug push`): CLIs take them before a subcommand.
  return new RegExp(`(?:^|[\\s;&|(/])${words.join(`${OPTIONS}\\s+`)}(?![\\w-])`);
}
