import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** The program's source folder, which the architecture tests read. */
export const SRC = resolve(import.meta.dirname, '..', '..', 'src');

/** Source files of src/, relative to it with `/` (tests and detector fixtures left out: they are not the program). */
export function sourceFiles(dir = SRC): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'fixtures') out.push(...sourceFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(relative(SRC, path).split(sep).join('/'));
  }
  return out;
}
