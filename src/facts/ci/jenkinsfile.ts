import type { Repository } from '../../workspace/repository.js';
import type { CiFacts } from './ci-types.js';

/**
 * Jenkinsfiles are Groovy; they are never evaluated. Shell steps are read from `sh`/`bat`/`powershell`
 * calls, single-line or triple-quoted; other lines still count as pipeline text (e.g. `docker.build`).
 */
export function readJenkinsfile(repo: Repository, file: string, facts: CiFacts): void {
  const text = repo.text(file);
  if (text === undefined) return;
  const lines = text.split('\n');
  let stage: string | undefined;
  let inTriple: string | undefined;
  let inBlockComment = false;
  let continued: { text: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    let line = raw.trim();
    const lineNo = index + 1;
    if (inBlockComment) {
      if (line.includes('*/')) inBlockComment = false;
      return;
    }
    if (inTriple) {
      const end = line.indexOf(inTriple);
      const body = (end >= 0 ? line.slice(0, end) : line).trim();
      if (end >= 0) inTriple = undefined;
      if (body.startsWith('#') && !continued) return;
      // A shell line ending in `\` goes on: one command with the next, at its first line.
      if (body.endsWith('\\') && inTriple) {
        continued = { text: `${(continued?.text ?? '') + body.slice(0, -1).trimEnd()} `, line: continued?.line ?? lineNo };
        return;
      }
      const command = (continued?.text ?? '') + body;
      const at = continued?.line ?? lineNo;
      continued = undefined;
      if (command.trim() !== '') facts.commands.push({ text: command.trim(), file, line: at, origin: 'jenkins', ...(stage ? { job: stage } : {}) });
      return;
    }
    if (line.startsWith('//')) return;
    if (line.startsWith('/*')) {
      if (!line.includes('*/')) inBlockComment = true;
      return;
    }
    const stageMatch = /\bstage\s*\(\s*['"]([^'"]+)['"]/.exec(line);
    if (stageMatch) stage = stageMatch[1];
    const triple = /\b(?:sh|bat|powershell|pwsh)\s*\(?\s*(?:script\s*:\s*)?("""|''')(.*)$/.exec(line);
    if (triple) {
      const rest = triple[2]!;
      const end = rest.indexOf(triple[1]!);
      if (end >= 0) line = rest.slice(0, end);
      else {
        inTriple = triple[1];
        line = rest;
      }
      if (line.trim() !== '') facts.commands.push({ text: line.trim(), file, line: lineNo, origin: 'jenkins', ...(stage ? { job: stage } : {}) });
      return;
    }
    const single = /\b(?:sh|bat|powershell|pwsh)\s*\(?\s*(?:script\s*:\s*)?(['"])(.*?)\1/.exec(line);
    if (single) {
      facts.commands.push({ text: single[2]!, file, line: lineNo, origin: 'jenkins', ...(stage ? { job: stage } : {}) });
      return;
    }
    // Pipeline DSL calls (docker.build, kubernetesDeploy, withKubeConfig…) are kept as text.
    if (/\b(docker\.|kubernetesDeploy|withKubeConfig|helm|kubectl|trivy|snyk|grype|terraform)/.test(line)) {
      facts.commands.push({ text: line, file, line: lineNo, origin: 'jenkins', ...(stage ? { job: stage } : {}) });
    }
  });
}
