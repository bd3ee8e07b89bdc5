export interface CodeownersRule {
  pattern: string;
  owners: string[];
  /** 1-based. */
  line: number;
}

const OWNER = /^(@[\w.-]+(\/[\w.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

/**
 * The rules of a GitHub or GitLab CODEOWNERS file. A rule is a path pattern with owners; under a
 * GitLab section with default owners (`[Deploy] @org/platform`) a bare pattern inherits them.
 * Comments, blank lines and section headers are not rules, so a comment-only file has none.
 */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  let sectionOwners: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const section = /^\^?\[[^\]]+\](\[\d+\])?\s*(.*)$/.exec(line);
    if (section) {
      sectionOwners = section[2]!.split(/\s+/).filter((w) => OWNER.test(w));
      return;
    }
    const words = line.split(/\s+/);
    const pattern = words[0]!;
    const owners = words.slice(1).filter((w) => OWNER.test(w));
    const effective = owners.length > 0 ? owners : sectionOwners;
    if (effective.length === 0) return;
    rules.push({ pattern, owners: effective, line: index + 1 });
  });
  return rules;
}
