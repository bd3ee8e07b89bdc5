/**
 * Code lines of C-family files (Groovy Jenkinsfiles, Jsonnet): `/* … *\/` blocks and line comments
 * are not code, so a tool named there is not used. Jenkins and Jsonnet detectors each had a copy.
 */

export interface CodeLine {
  /** Trimmed, with a leading or closing block comment cut off. */
  text: string;
  /** 1-based. */
  line: number;
}

/** Trimmed lines outside `/* *\/` blocks and not starting with `lineComment` (a regex on the trimmed line). */
export function codeLines(text: string | undefined, lineComment: RegExp): CodeLine[] {
  if (text === undefined) return [];
  const out: CodeLine[] = [];
  let inBlock = false;
  text.split('\n').forEach((raw, index) => {
    let line = raw.trim();
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) return;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    if (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) {
        inBlock = true;
        return;
      }
      line = line.slice(end + 2).trim();
    }
    if (line === '' || lineComment.test(line)) return;
    out.push({ text: line, line: index + 1 });
  });
  return out;
}
