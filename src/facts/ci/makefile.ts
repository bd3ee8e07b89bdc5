import type { Repository } from '../../workspace/repository.js';
import type { CiFacts } from './ci-types.js';

/** Make recipes: each recipe line is a command of its target; `@`/`-` prefixes are dropped. */
export function readMakefile(repo: Repository, file: string, facts: CiFacts): void {
  const text = repo.text(file);
  if (text === undefined) return;
  let target: string | undefined;
  // A recipe line ending in `\` goes on: one command, reported at its first line.
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    if (pending) {
      const more = raw.trim();
      pending.text += more.endsWith('\\') ? `${more.slice(0, -1).trimEnd()} ` : more;
      if (!more.endsWith('\\')) flush();
      return;
    }
    const targetMatch = /^([A-Za-z0-9_./%-]+)\s*:(?!=)/.exec(raw);
    if (targetMatch) target = targetMatch[1];
    if (!/^(\t| {4})/.test(raw)) return;
    const line = raw.trim().replace(/^[@-]+/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.endsWith('\\')) pending = { text: `${line.slice(0, -1).trimEnd()} `, line: index + 1 };
    else facts.commands.push({ text: line, file, line: index + 1, origin: 'makefile', ...(target ? { job: target } : {}) });
  });
  flush();

  function flush(): void {
    if (pending) facts.commands.push({ text: pending.text.trim(), file, line: pending.line, origin: 'makefile', ...(target ? { job: target } : {}) });
    pending = undefined;
  }
}
