/**
 * Parsers written for hand-made files slow down on a single enormous line (dockerfile-ast and
 * tree-sitter, which our Dockerfile and HCL parsers are checked against, by about a second per
 * megabyte), so a repository of 5 MB one-line files could hold a scan for minutes. Ours are linear,
 * and keep this guard so that they see exactly what those references see. Nothing a detector
 * looks for needs more than the start and the end of a line: lines over
 * `max` characters keep their first and last halves. Line numbers stay where they were, and a
 * string cut in its middle stays a closed string.
 */
export const MAX_LINE_LENGTH = 64 * 1024;

export function shortenLongLines(text: string, max = MAX_LINE_LENGTH): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  const parts: string[] = [];
  let start = 0;
  let changed = false;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > max) {
      parts.push(text.slice(start, start + half) + text.slice(end - half, end));
      changed = true;
    } else {
      parts.push(text.slice(start, end));
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return changed ? parts.join('\n') : text;
}
