/**
 * "Is this tool really run here?" for a command line: the container, dev-loop, scanning and
 * publishing detectors all need a run to be told from an install, a download or a message.
 */

/**
 * A command segment that installs the tool or prints its name, never a run of it:
 * `npm install -g snyk`, `brew install kind`, `echo "run trivy"`, `command -v grype`.
 */
const NOT_A_RUN = /\b(apt-get|apt|apk|yum|dnf|zypper|brew|choco|scoop|pip3?|pipx|npm|yarn|pnpm|gem|go|cargo|asdf|snap|mise|aqua)\s+(-\S+\s+)*(install|add|i|get|upgrade)\b|^\s*(sudo\s+)?(echo|printf|log|info|warn|say|cat|which|type|hash|install|wget|curl|chmod|chown|mv|cp|tar|unzip|ln|rm|mkdir)\b|^\s*command\s+-v\b/;

/** Splits a command line into the segments a shell would run one by one (&&, ||, ;, |). */
function segments(text: string): string[] {
  return text.split(/&&|\|\||;|\|/);
}

/**
 * The argument text after each invocation of `tool` in the command, one per segment that runs it.
 * `tool` is a regex source for the program name ("trivy", "kind|\\$[({]KIND[A-Z_]*[)}]"); it
 * must stand as a word in command position (start, after a path slash, a quote, `(` or a space),
 * so `trivy_0.50_Linux.tar.gz`, `.../aquasecurity/trivy/main/install.sh` or `kind: Cluster` are not runs.
 */
export function toolArgs(text: string, tool: string): string[] {
  const re = invocationOf(tool);
  const found: string[] = [];
  for (const segment of segments(text)) {
    if (NOT_A_RUN.test(segment)) continue;
    const match = re.exec(segment);
    if (match && !insideText(segment.slice(0, match.index + 1))) found.push(match[1]!.trim().replace(/^["'`)]+/, '').trim());
  }
  return found;
}

/** The pattern of an invocation of `tool`, compiled once per tool: detectors ask about the same few tools for every command. */
const invocations = new Map<string, RegExp>();
function invocationOf(tool: string): RegExp {
  let re = invocations.get(tool);
  if (re === undefined) {
    re = new RegExp(`(?:^|[\\s/"'\`(])(?:${tool})(?::[\\w.-]+)?(?=$|[\\s"'\`)])(.*)$`);
    invocations.set(tool, re);
  }
  return re;
}

/**
 * The tool sits inside an open quote that is not a `sh -c '…'`-style script: a message such as
 * `To delete the cluster run 'kind delete cluster'` printed from a heredoc.
 */
function insideText(prefix: string): boolean {
  const singles = (prefix.match(/'/g) ?? []).length;
  const doubles = (prefix.match(/"/g) ?? []).length;
  if (singles % 2 === 0 && doubles % 2 === 0) return false;
  return !/(\b(sh|bash|zsh|eval|exec)|\s-c|--command)\s*=?\s*['"]\s*$/.test(prefix);
}

/** True when some invocation of `tool` has arguments matching `args` (tested from the first argument). */
export function runsTool(text: string, tool: string, args: RegExp): boolean {
  return toolArgs(text, tool).some((rest) => args.test(rest));
}

/**
 * True when `pattern` matches in a segment of the command that runs a program, not one that
 * installs it, prints its name or quotes it in a message (`echo "run kind create cluster"`):
 * command words of a signal file are tested this way.
 */
export function runsMatching(text: string, pattern: RegExp): boolean {
  for (const segment of segments(text)) {
    if (NOT_A_RUN.test(segment)) continue;
    const match = pattern.exec(segment);
    if (match && !insideText(segment.slice(0, match.index + 1))) return true;
  }
  return false;
}
